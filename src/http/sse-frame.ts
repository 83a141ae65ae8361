/**
 * Encodes one Server-Sent Events frame. Ids and event names may not contain line breaks (that would
 * let data inject frames); data is split so every line carries its own `data:` prefix.
 */
export function sseFrame(frame: { id?: string | number; event?: string; data: string; retry?: number }): string {
  const lines: string[] = [];
  if (frame.retry !== undefined) lines.push(`retry: ${Math.trunc(frame.retry)}`);
  if (frame.id !== undefined) lines.push(`id: ${singleLine(String(frame.id), 'id')}`);
  if (frame.event !== undefined) lines.push(`event: ${singleLine(frame.event, 'event')}`);
  for (const line of frame.data.split(/\r\n|\r|\n/)) lines.push(`data: ${line}`);
  return `${lines.join('\n')}\n\n`;
}

export function sseComment(text: string): string {
  return `: ${singleLine(text, 'comment')}\n\n`;
}

function singleLine(value: string, field: string): string {
  if (/[\r\n]/.test(value)) throw new Error(`SSE ${field} must not contain line breaks`);
  return value;
}

/** Tells EventSource how soon to reconnect after the connection drops. */
export function sseRetry(ms: number): string {
  return `retry: ${Math.trunc(ms)}\n\n`;
}

/** An SSE response: no caching or transformation by proxies, no buffering by nginx. */
export function sseResponse(body: ReadableStream<Uint8Array>): Response {
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
  });
}
