export interface SseMessage {
  id?: string;
  event?: string;
  data: string;
}

/** Reads SSE frames from a fetch response body. */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const decoder = new TextDecoder();
  let buffer = '';
  let message: { id?: string; event?: string; data: string[] } = { data: [] };
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (message.data.length > 0) yield { id: message.id, event: message.event, data: message.data.join('\n') };
        message = { data: [] };
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') message.data.push(value);
      else if (field === 'id') message.id = value;
      else if (field === 'event') message.event = value;
    }
  }
}

export interface FollowOptions {
  headers?: Record<string, string>;
  lastEventId?: string;
  signal?: AbortSignal;
  /** Called for every entry; return true to stop following. */
  onEntry(entry: { id: number; type: string; [key: string]: unknown }): boolean | void;
  /** Called before each reconnect after the connection dropped. */
  onReconnect?(lastEventId: string | undefined, error: unknown): void;
  reconnectDelayMs?: number;
}

/**
 * Follows a task's log like EventSource does: reconnects with Last-Event-ID after a drop, and stops
 * when the server ends the stream after the final status (or answers 204: nothing more will come).
 */
export async function followTaskLogs(url: string, options: FollowOptions): Promise<void> {
  let lastEventId = options.lastEventId;
  for (;;) {
    try {
      const response = await fetch(url, {
        headers: { accept: 'text/event-stream', ...options.headers, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
        signal: options.signal,
      });
      if (response.status === 204) return;
      if (!response.ok || !response.body) {
        throw new HttpError(response.status, await response.text());
      }
      for await (const message of readSse(response.body)) {
        if (message.id) lastEventId = message.id;
        if (options.onEntry(JSON.parse(message.data))) return;
      }
      return; // the server closed the stream after the final status
    } catch (error) {
      if (options.signal?.aborted || (error instanceof HttpError && error.status < 500)) throw error;
      options.onReconnect?.(lastEventId, error);
      await new Promise((r) => setTimeout(r, options.reconnectDelayMs ?? 1000));
    }
  }
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    body: string,
  ) {
    super(`HTTP ${status}: ${errorMessageOf(body)}`);
  }
}

/** The `error.message` of a Forge error body, or the body itself. */
export function errorMessageOf(body: string): string {
  try {
    return (JSON.parse(body) as { error?: { message?: string } }).error?.message ?? body;
  } catch {
    return body;
  }
}
