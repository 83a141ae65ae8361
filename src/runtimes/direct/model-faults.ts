/**
 * The faults a model call can hit on the wire, in one vendor-neutral shape. The guarded fetch raises
 * them underneath the client libraries, which keep them as the `cause` of their own errors.
 */

/** The server answered with an error status. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    /** The server's own explanation, from the error body. */
    readonly detail: string,
    /** How long the server asked us to wait (retry-after), if it said. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(`HTTP ${status} ${statusLabel(status)}${detail ? `: ${detail}` : ''}`);
    this.name = 'HttpStatusError';
  }
}

/** The connection could not be made, or dropped before the response was complete. */
export class ConnectionLostError extends Error {
  constructor(what: 'connection failed' | 'connection reset', detail: string) {
    super(`${what}: ${detail}`);
    this.name = 'ConnectionLostError';
  }
}

/** No byte arrived for longer than the idle limit. The message avoids "timeout": clients treat that word specially. */
export class StreamStalledError extends Error {
  constructor(idleMs: number) {
    super(`stream stalled: no data for ${formatSeconds(idleMs)}`);
    this.name = 'StreamStalledError';
  }
}

/** The stream carried data its protocol does not allow. */
export class MalformedStreamError extends Error {
  constructor(source: string, detail: string) {
    super(`malformed stream from ${source}: ${detail}`);
    this.name = 'MalformedStreamError';
  }
}

export type WireFault = HttpStatusError | ConnectionLostError | StreamStalledError | MalformedStreamError;

/** The wire fault behind an error, looking through the `cause` chain the client libraries build. */
export function findWireFault(error: unknown): WireFault | undefined {
  for (let current = error, depth = 0; current && depth < 8; current = (current as { cause?: unknown }).cause, depth++) {
    if (
      current instanceof HttpStatusError ||
      current instanceof ConnectionLostError ||
      current instanceof StreamStalledError ||
      current instanceof MalformedStreamError
    ) {
      return current;
    }
  }
  return undefined;
}

const STATUS_LABELS: Record<number, string> = {
  400: 'bad request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not found',
  408: 'request timeout',
  413: 'request too large',
  429: 'rate limited',
  500: 'server error',
  502: 'bad gateway',
  503: 'unavailable',
  504: 'gateway timeout',
  529: 'overloaded',
};

function statusLabel(status: number): string {
  return STATUS_LABELS[status] ?? (status >= 500 ? 'server error' : 'error');
}

export function formatSeconds(ms: number): string {
  if (ms < 100) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  return `${seconds < 10 ? Number(seconds.toFixed(2)) : Math.round(seconds)} s`;
}
