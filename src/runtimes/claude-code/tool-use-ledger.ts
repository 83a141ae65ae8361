import { isDeepStrictEqual } from 'node:util';
import { normaliseToolName } from '../../permissions/tool-names.js';
import type { PendingCall } from './resume-state.js';

export interface LedgerEntry {
  /** The id Forge uses: the binary's, or the earlier attempt's when this call repeats one. */
  forgeId: string;
  tool: string;
  input: Record<string, unknown>;
  /** True when the call repeats one the earlier attempt already logged. */
  repeated: boolean;
}

/**
 * The tool calls the binary announced, by its tool_use id. When a resumed session re-runs an interrupted
 * turn, the model is asked again and its tool calls come back with new ids; a call with the same tool and
 * input as one still pending from the earlier attempt takes over that attempt's id, so the permission gate
 * finds the notification that is already waiting instead of asking the human a second time.
 */
export class ToolUseLedger {
  private readonly entries = new Map<string, LedgerEntry>();
  private readonly waiters = new Map<string, Array<(entry: LedgerEntry) => void>>();
  private readonly unclaimed: PendingCall[];

  constructor(earlierPending: readonly PendingCall[] = []) {
    this.unclaimed = [...earlierPending];
  }

  record(toolUseId: string, rawTool: string, input: Record<string, unknown>): LedgerEntry {
    const tool = normaliseToolName(rawTool);
    const earlier = this.unclaimed.findIndex((call) => call.tool === tool && isDeepStrictEqual(call.input, input));
    const [claimed] = earlier === -1 ? [] : this.unclaimed.splice(earlier, 1);
    const entry: LedgerEntry = { forgeId: claimed?.toolUseId ?? toolUseId, tool, input, repeated: claimed !== undefined };
    this.entries.set(toolUseId, entry);
    for (const wake of this.waiters.get(toolUseId) ?? []) wake(entry);
    this.waiters.delete(toolUseId);
    return entry;
  }

  get(toolUseId: string): LedgerEntry | undefined {
    return this.entries.get(toolUseId);
  }

  /**
   * The binary writes the assistant message before it asks for permission, but Forge may still be
   * logging earlier messages when the request arrives: wait (briefly) until the call is recorded.
   */
  whenRecorded(toolUseId: string, timeoutMs: number): Promise<LedgerEntry | undefined> {
    const known = this.entries.get(toolUseId);
    if (known) return Promise.resolve(known);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      const wake = (entry: LedgerEntry) => {
        clearTimeout(timer);
        resolve(entry);
      };
      this.waiters.set(toolUseId, [...(this.waiters.get(toolUseId) ?? []), wake]);
    });
  }
}
