import type { RuntimeId } from './runtime-id.js';

/** A smoke test: a small task and what a good answer must show. */
export interface SmokeTest {
  name: string;
  task: string;
  /** Every entry must appear (case-insensitive) in the agent's final output. */
  expectIncludes: string[];
}

export type ProfileSource = 'builtin' | 'user' | 'project' | 'skill';

/** The complete behavioural specification of an agent. */
export interface Profile {
  id: string;
  name: string;
  version: string;
  description: string;
  domainTags: string[];
  supportedRuntimes: RuntimeId[];
  preferredRuntime: RuntimeId;
  /** Tools the agent may be offered at all; anything else is refused. Empty means every built-in tool. */
  allowedTools: string[];
  /** Tools that run without asking. */
  autoApprove: string[];
  /** Tools that are always refused; wins over everything else. */
  autoDeny: string[];
  maxTurns: number;
  /** Model per runtime, where it matters. */
  models: Partial<Record<RuntimeId, string>>;
  smokeTests: SmokeTest[];
  /** The body of SKILL.md: appended to the runtime's system prompt. */
  systemPrompt: string;
  source: ProfileSource;
  /** Folder the profile was loaded from (absent for profiles created in memory). */
  path?: string;
}
