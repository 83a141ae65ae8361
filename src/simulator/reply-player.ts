import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { WireDialect } from './dialects/dialect.js';
import type { ScenarioFault } from './scenario.js';
import type { TurnPlan } from './turn-plan.js';
import { GARBAGE_JSON } from './wire-encoding.js';

/** Resolves after `ms`, or at once when the simulator closes. */
async function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return;
  await sleep(ms, undefined, { signal }).catch(() => undefined);
}

function write(response: ServerResponse, chunk: string): Promise<void> {
  return new Promise((resolve) => response.write(chunk, () => resolve()));
}

/** Sends a vendor-format JSON error; 429 always carries `retry-after`, as the real APIs do. */
export function sendError(
  response: ServerResponse,
  dialect: WireDialect,
  status: number,
  message: string,
  retryAfterSeconds?: number,
): void {
  const retryAfter = retryAfterSeconds ?? (status === 429 ? 1 : undefined);
  response.writeHead(status, {
    'content-type': 'application/json',
    ...(retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) }),
  });
  response.end(JSON.stringify(dialect.errorBody(status, message)));
}

/** A non-streaming body goes out in two halves, so stream faults can cut it too. */
function splitInHalves(text: string): string[] {
  const middle = Math.ceil(text.length / 2);
  return [text.slice(0, middle), text.slice(middle)];
}

/**
 * Delivers one planned turn: waits `delayMs`, applies the fault (already known to apply to this
 * attempt), writes the frames `chunkDelayMs` apart and ends, corrupts, resets or stalls the stream.
 */
export async function playTurn(
  response: ServerResponse,
  dialect: WireDialect,
  plan: TurnPlan,
  fault: ScenarioFault | undefined,
  body: unknown,
  signal: AbortSignal,
): Promise<void> {
  await pause(plan.delayMs, signal);
  if (signal.aborted || response.destroyed) return;

  const streaming = dialect.wantsStream(body);
  if (fault?.kind === 'http') {
    return sendError(response, dialect, fault.status, fault.message ?? `Simulated HTTP ${fault.status}`, fault.retryAfter);
  }
  const streamErrorMessage = fault?.kind === 'stream_error' ? (fault.message ?? 'Overloaded') : '';
  // A complete JSON body has no place for an in-stream error, so it becomes an HTTP 500.
  if (fault?.kind === 'stream_error' && !streaming) return sendError(response, dialect, 500, streamErrorMessage);

  const frames = streaming
    ? dialect.renderStream(plan.reply, body)
    : splitInHalves(JSON.stringify(dialect.renderJson(plan.reply, body)));
  response.writeHead(200, {
    'content-type': streaming ? dialect.streamContentType : 'application/json',
    ...(streaming ? { 'cache-control': 'no-cache' } : {}),
  });
  response.flushHeaders();

  const cut = fault ? Math.min(frames.length, fault.afterChunks ?? Math.ceil(frames.length / 2)) : frames.length;
  for (const [index, frame] of frames.slice(0, cut).entries()) {
    if (index > 0) await pause(plan.chunkDelayMs, signal);
    if (signal.aborted || response.destroyed) return;
    await write(response, frame);
  }

  switch (fault?.kind) {
    case undefined:
      response.end();
      return;
    case 'malformed':
      response.end(streaming ? dialect.malformedFrame : GARBAGE_JSON);
      return;
    case 'stream_error':
      response.end(dialect.streamErrorFrame(streamErrorMessage));
      return;
    case 'reset':
      response.destroy();
      return;
    case 'stall':
      // Keep the connection open without sending more; the client or `close()` ends it.
      return;
  }
}
