import type { SDKUserMessage } from '@anthropic-ai/claude-agent-sdk';

/**
 * The binary's stdin as a stream of user messages. It stays open for the whole turn, because the
 * binary exits when its input ends; `close()` ends it once the turn is over. Without a prompt nothing is
 * typed: a resumed session re-runs its interrupted turn by itself.
 */
export class TurnInput {
  private end!: () => void;
  private readonly ended = new Promise<void>((resolve) => (this.end = resolve));

  constructor(private readonly prompt: string | undefined) {}

  async *messages(): AsyncGenerator<SDKUserMessage> {
    if (this.prompt !== undefined) {
      yield { type: 'user', message: { role: 'user', content: this.prompt }, parent_tool_use_id: null };
    }
    await this.ended;
  }

  close(): void {
    this.end();
  }
}
