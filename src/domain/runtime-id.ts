/** The five runtimes a task can be assigned to (the task's `assignedAgent`). */
export const RUNTIME_IDS = ['claude-code', 'anthropic', 'openai', 'codex', 'ollama'] as const;
export type RuntimeId = (typeof RUNTIME_IDS)[number];

export function isRuntimeId(value: unknown): value is RuntimeId {
  return typeof value === 'string' && (RUNTIME_IDS as readonly string[]).includes(value);
}
