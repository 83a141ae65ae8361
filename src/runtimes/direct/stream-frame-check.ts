/**
 * Checks a streamed body frame by frame while it passes through, so garbage is reported as a
 * malformed stream naming what was wrong, instead of being skipped (the ollama client drops lines it
 * cannot parse) or surfacing as a bare JSON syntax error deep inside a client library.
 */
export interface FrameCheck {
  /** Feeds decoded text; returns a description of the first bad frame, if any. */
  push(text: string): string | undefined;
  /** The body ended; checks what is left. */
  end(): string | undefined;
}

/** Picks the check for a response's content type; undefined for bodies that are not streams. */
export function frameCheckFor(contentType: string | null): FrameCheck | undefined {
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('text/event-stream')) return serverSentEventsCheck();
  if (type.includes('ndjson')) return jsonLinesCheck();
  return undefined;
}

function notJson(text: string): boolean {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}

function excerpt(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/** Server-sent events: every event's data must be JSON, except the `[DONE]` sentinel. */
function serverSentEventsCheck(): FrameCheck {
  let pending = '';
  // A CR at the end of a chunk may be the first half of a CRLF split across chunks.
  let heldCarriageReturn = false;
  const checkEvent = (event: string): string | undefined => {
    const data = event
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5))
      .join('\n');
    if (!data || data.trim() === '[DONE]' || !notJson(data)) return undefined;
    return `event data is not JSON: ${excerpt(data)}`;
  };
  return {
    push(text) {
      let raw = (heldCarriageReturn ? '\r' : '') + text;
      heldCarriageReturn = raw.endsWith('\r');
      if (heldCarriageReturn) raw = raw.slice(0, -1);
      pending += raw.replace(/\r\n?/g, '\n');
      const events = pending.split('\n\n');
      pending = events.pop() ?? '';
      for (const event of events) {
        const problem = checkEvent(event);
        if (problem) return problem;
      }
      return undefined;
    },
    end: () => checkEvent(pending.trim()),
  };
}

/** Newline-delimited JSON: every non-empty line must be JSON. */
function jsonLinesCheck(): FrameCheck {
  let pending = '';
  const checkLine = (line: string) => (line.trim() && notJson(line) ? `line is not JSON: ${excerpt(line)}` : undefined);
  return {
    push(text) {
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const problem = checkLine(line);
        if (problem) return problem;
      }
      return undefined;
    },
    end: () => checkLine(pending),
  };
}
