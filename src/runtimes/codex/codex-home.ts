import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Retries stay few: a failing upstream should surface as a failed run quickly, not after minutes. */
const REQUEST_MAX_RETRIES = 1;
const STREAM_MAX_RETRIES = 1;
const PROVIDER_ID = 'forge';
const KEY_VARIABLE = 'OPENAI_API_KEY';

export interface CodexEndpoint {
  /** Responses API base URL, ending before `/responses` (e.g. https://api.openai.com/v1). */
  baseUrl: string;
  apiKey: string;
  model: string;
}

/**
 * Codex reads everything from CODEX_HOME/config.toml. A custom model provider (not `openai_base_url`,
 * which first attempts WebSocket upgrades) keeps every request on the configured endpoint, and plugins
 * and analytics are off so Codex contacts nothing else.
 */
export function codexConfigToml(endpoint: CodexEndpoint): string {
  const quote = (value: string) => JSON.stringify(value);
  return [
    '# Written by Forge; rewritten at every start.',
    `model = ${quote(endpoint.model)}`,
    `model_provider = ${quote(PROVIDER_ID)}`,
    '',
    `[model_providers.${PROVIDER_ID}]`,
    `name = ${quote('Forge')}`,
    `base_url = ${quote(endpoint.baseUrl)}`,
    `env_key = ${quote(KEY_VARIABLE)}`,
    'wire_api = "responses"',
    `request_max_retries = ${REQUEST_MAX_RETRIES}`,
    `stream_max_retries = ${STREAM_MAX_RETRIES}`,
    '',
    '[features]',
    'plugins = false',
    '',
    '[analytics]',
    'enabled = false',
    '',
  ].join('\n');
}

export interface CodexHome {
  /** HOME for the child: Codex and the shells it runs see this, never the server user's home. */
  home: string;
  codexHome: string;
}

/** `<dir>` is HOME, `<dir>/.codex` is CODEX_HOME (config, thread rollouts). Writes config.toml when it changed. */
export function prepareCodexHome(dir: string, endpoint: CodexEndpoint): CodexHome {
  const codexHome = join(dir, '.codex');
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  mkdirSync(codexHome, { recursive: true });
  const configPath = join(codexHome, 'config.toml');
  const wanted = codexConfigToml(endpoint);
  let current: string | undefined;
  try {
    current = readFileSync(configPath, 'utf8');
  } catch {
    current = undefined;
  }
  if (current !== wanted) {
    // Runs share the file; write-then-rename so a starting app-server never reads half of it.
    const temporary = `${configPath}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temporary, wanted, { mode: 0o600 });
    renameSync(temporary, configPath);
  }
  return { home: dir, codexHome };
}

/** The whole environment of the child, built explicitly: no secret of the server leaks into the agent's shells. */
export function codexEnvironment(
  home: CodexHome,
  endpoint: CodexEndpoint,
  serverEnv: Record<string, string | undefined>,
  helperPath?: string,
): Record<string, string> {
  const path = [helperPath, serverEnv.PATH || '/usr/local/bin:/usr/bin:/bin'].filter(Boolean).join(delimiter);
  const env: Record<string, string> = {
    PATH: path,
    HOME: home.home,
    CODEX_HOME: home.codexHome,
    TMPDIR: join(home.home, 'tmp'),
    [KEY_VARIABLE]: endpoint.apiKey,
  };
  for (const name of ['LANG', 'LC_ALL', 'TZ']) {
    const value = serverEnv[name];
    if (value) env[name] = value;
  }
  return env;
}
