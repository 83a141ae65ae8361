/**
 * Variables a command may inherit from Forge's own environment. Built as an allowlist, not by
 * filtering, so API keys, tokens and FORGE_* settings can never reach an agent's shell.
 */
const INHERITED_VARIABLES = ['PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TMPDIR'] as const;

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function bashEnvironment(source: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const name of INHERITED_VARIABLES) {
    const value = source[name];
    if (value !== undefined) environment[name] = value;
  }
  return {
    PATH: DEFAULT_PATH,
    LANG: 'C.UTF-8',
    ...environment,
    SHELL: '/bin/bash',
    TERM: 'dumb',
    // Nobody can answer a prompt or page through output: fail fast and print everything instead.
    GIT_TERMINAL_PROMPT: '0',
    PAGER: 'cat',
    GIT_PAGER: 'cat',
  };
}
