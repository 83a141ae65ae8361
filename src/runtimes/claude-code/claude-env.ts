import { join } from 'node:path';
import type { RuntimeConnection } from '../runtime.js';

const DEFAULT_ENDPOINT = 'https://api.anthropic.com';
const DEFAULT_MAX_RETRIES = '2';
/** Placeholder credential for the local simulator, which checks none. */
const SIMULATOR_API_KEY = 'forge-simulator';

/** Host variables the child may need to run tools and reach the network; nothing else leaks through. */
const PASSED_THROUGH = [
  'PATH',
  'SHELL',
  'LANG',
  'LC_ALL',
  'TZ',
  'TMPDIR',
  'HTTPS_PROXY',
  'HTTP_PROXY',
  'NO_PROXY',
  'https_proxy',
  'http_proxy',
  'no_proxy',
  'NODE_EXTRA_CA_CERTS',
];

/** `api-key` bills ANTHROPIC_API_KEY; `oauth` uses a subscription login (FORGE_CLAUDE_AUTH=oauth). */
export type ClaudeAuthMode = 'api-key' | 'oauth';

export function claudeAuthMode(env: Record<string, string | undefined>): ClaudeAuthMode {
  return env.FORGE_CLAUDE_AUTH?.trim().toLowerCase() === 'oauth' ? 'oauth' : 'api-key';
}

/** Where Claude Code keeps its config and session transcripts: Forge's, not the user's ~/.claude. */
export function claudeDirs(dataDir: string): { home: string; configDir: string } {
  const home = join(dataDir, 'claude-code');
  return { home, configDir: join(home, '.claude') };
}

/** Same rules as the anthropic runtime, plus the subscription (OAuth) mode. */
export function claudeConnection(env: Record<string, string | undefined>, simulatorUrl?: string): RuntimeConnection {
  if (claudeAuthMode(env) === 'oauth') {
    if (env.CLAUDE_CODE_OAUTH_TOKEN) return { mode: 'real', endpoint: env.ANTHROPIC_BASE_URL || DEFAULT_ENDPOINT };
    return {
      mode: 'unconfigured',
      reason: 'FORGE_CLAUDE_AUTH=oauth needs CLAUDE_CODE_OAUTH_TOKEN (create one with `claude setup-token`).',
    };
  }
  if (env.ANTHROPIC_API_KEY) return { mode: 'real', endpoint: env.ANTHROPIC_BASE_URL || DEFAULT_ENDPOINT };
  if (simulatorUrl) {
    return { mode: 'simulated', endpoint: simulatorUrl, reason: 'ANTHROPIC_API_KEY is not set, so the local simulator answers' };
  }
  return { mode: 'unconfigured', reason: 'set ANTHROPIC_API_KEY (and ANTHROPIC_BASE_URL for a non-default endpoint), or FORGE_CLAUDE_AUTH=oauth.' };
}

export interface ClaudeEnvInput {
  /** Forge's own environment (where credentials and settings are read from). */
  env: Record<string, string | undefined>;
  dataDir: string;
  simulatorUrl?: string;
}

/**
 * The complete environment of the Claude Code child. The SDK's `env` replaces the child's environment
 * rather than extending it, so everything it needs is listed here and nothing else reaches it. In OAuth
 * mode ANTHROPIC_API_KEY is left out on purpose: the binary prefers an API key when it sees one, which
 * would bill the API account instead of the subscription.
 */
export function buildClaudeEnv(input: ClaudeEnvInput): Record<string, string> {
  const { env } = input;
  const connection = claudeConnection(env, input.simulatorUrl);
  if (connection.mode === 'unconfigured') throw new Error(`claude-code runtime is not configured: ${connection.reason}`);

  const child: Record<string, string> = {};
  for (const name of PASSED_THROUGH) {
    const value = env[name];
    if (value !== undefined) child[name] = value;
  }
  const { home, configDir } = claudeDirs(input.dataDir);
  child.HOME = home;
  child.CLAUDE_CONFIG_DIR = configDir;
  child.CLAUDE_AGENT_SDK_CLIENT_APP = 'forge';
  // No probes, telemetry or title requests: only the agent's own model calls leave the machine.
  child.CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC = env.CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC ?? '1';
  // The binary's own default retries a failing API for minutes; Forge reports failures instead.
  child.CLAUDE_CODE_MAX_RETRIES = env.CLAUDE_CODE_MAX_RETRIES ?? DEFAULT_MAX_RETRIES;

  if (claudeAuthMode(env) === 'oauth') {
    if (env.CLAUDE_CODE_OAUTH_TOKEN) child.CLAUDE_CODE_OAUTH_TOKEN = env.CLAUDE_CODE_OAUTH_TOKEN;
    if (env.ANTHROPIC_BASE_URL) child.ANTHROPIC_BASE_URL = env.ANTHROPIC_BASE_URL;
  } else if (connection.mode === 'simulated') {
    child.ANTHROPIC_BASE_URL = connection.endpoint;
    child.ANTHROPIC_API_KEY = SIMULATOR_API_KEY;
  } else {
    child.ANTHROPIC_API_KEY = env.ANTHROPIC_API_KEY!;
    if (env.ANTHROPIC_BASE_URL) child.ANTHROPIC_BASE_URL = env.ANTHROPIC_BASE_URL;
  }
  return child;
}
