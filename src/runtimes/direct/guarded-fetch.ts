import { ConnectionLostError, HttpStatusError, MalformedStreamError, StreamStalledError } from './model-faults.js';
import { frameCheckFor } from './stream-frame-check.js';

export interface FetchGuardOptions {
  /** Longest silence allowed: before the response headers, and between two chunks of the body. */
  idleMs: number;
  /** Also aborts the request; for clients that take no signal per call (ollama). */
  signal?: AbortSignal;
}

/**
 * A `fetch` for the model client libraries that turns every wire fault into one of the errors in
 * model-faults.ts: error statuses (with retry-after), refused or reset connections, stalls and
 * malformed stream frames. The libraries keep these as the cause of their own errors, so the one
 * retry policy (model-retry.ts) sees the same faults whatever the vendor.
 */
export function guardedFetch(options: FetchGuardOptions): typeof fetch {
  const { idleMs } = options;
  return async (input, init) => {
    const stop = new AbortController();
    const signal = AbortSignal.any([stop.signal, ...[init?.signal, options.signal].filter((s): s is AbortSignal => !!s)]);
    const source = requestUrl(input);
    let stalled = false;
    const watchdog = () =>
      setTimeout(() => {
        stalled = true;
        stop.abort();
      }, idleMs);

    let timer = watchdog();
    let response: Response;
    try {
      response = await fetch(input, { ...init, signal });
      if (!response.ok) {
        const body = await response.text();
        throw new HttpStatusError(response.status, errorDetail(body), retryAfterMs(response.headers));
      }
    } catch (error) {
      if (error instanceof HttpStatusError) throw error;
      if (stalled) throw new StreamStalledError(idleMs);
      if (signal.aborted) throw error; // the caller's own abort: let the client recognise it
      throw new ConnectionLostError('connection failed', innermostMessage(error));
    } finally {
      clearTimeout(timer);
    }
    if (!response.body) return response;

    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const check = frameCheckFor(response.headers.get('content-type'));
    const malformed = (controller: ReadableStreamDefaultController<Uint8Array>, problem: string) => {
      controller.error(new MalformedStreamError(source, problem));
      stop.abort();
    };
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        // The watchdog runs only while the client waits for data, so a slow consumer never looks like a stall.
        timer = watchdog();
        try {
          const { done, value } = await reader.read();
          if (done) {
            const problem = check?.push(decoder.decode()) ?? check?.end();
            return problem ? malformed(controller, problem) : controller.close();
          }
          const problem = check?.push(decoder.decode(value, { stream: true }));
          if (problem) return malformed(controller, problem);
          controller.enqueue(value);
        } catch (error) {
          if (stalled) controller.error(new StreamStalledError(idleMs));
          else if (signal.aborted) controller.error(error);
          else controller.error(new ConnectionLostError('connection reset', innermostMessage(error)));
        } finally {
          clearTimeout(timer);
        }
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

/** Milliseconds from `retry-after-ms`, or `retry-after` in seconds or as an HTTP date. */
export function retryAfterMs(headers: Headers): number | undefined {
  const milliseconds = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The explanation inside a vendor error body: OpenAI/Anthropic `error.message`, Ollama `error`. */
function errorDetail(body: string): string {
  let detail = body.trim();
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: unknown };
    const error = parsed?.error as { message?: unknown } | string | undefined;
    const message = typeof error === 'string' ? error : (error?.message ?? parsed?.message);
    if (typeof message === 'string') detail = message;
  } catch {
    // not JSON: keep the text
  }
  return detail.length > 300 ? `${detail.slice(0, 300)}…` : detail;
}

/** Node's fetch wraps socket errors ("fetch failed" → "other side closed"); the innermost says what happened. */
function innermostMessage(error: unknown): string {
  let current = error;
  while ((current as { cause?: unknown })?.cause instanceof Error) current = (current as { cause: Error }).cause;
  return current instanceof Error ? current.message : String(current);
}

function requestUrl(input: Parameters<typeof fetch>[0]): string {
  const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  return href.split('?')[0]!;
}
