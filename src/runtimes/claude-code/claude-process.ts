import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { SpawnedProcess, SpawnOptions } from '@anthropic-ai/claude-agent-sdk';

/**
 * `setpriv --pdeathsig KILL` (util-linux) makes the kernel kill the binary the moment Forge's process
 * dies, even by SIGKILL. Without it the orphaned binary sees its stdin close, answers the pending
 * permission request as failed, and finishes the turn on its own, so the restarted run would find a
 * completed turn instead of an interrupted one it can re-run and re-ask.
 */
export function findParentDeathGuard(path: string | undefined, platform: string = process.platform): string | undefined {
  if (platform !== 'linux' || !path) return undefined;
  for (const dir of path.split(delimiter)) {
    const candidate = join(dir, 'setpriv');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export interface ClaudeProcessOptions {
  /** Path of `setpriv`, when the platform has it. */
  parentDeathGuard: string | undefined;
  /** Aborted when the run stops: the binary is killed at once, leaving its transcript mid-turn. */
  hardStop: AbortSignal;
  onStderr(text: string): void;
}

/**
 * Starts the Claude Code binary for the SDK. Stopping kills it outright instead of the SDK's graceful
 * close, for the same reason as the parent-death guard: a cancelled or shut-down run must not go on to
 * finish its turn (and call the model) after Forge has stopped listening.
 */
export function spawnClaudeProcess(request: SpawnOptions, options: ClaudeProcessOptions): SpawnedProcess {
  const [command, args] = options.parentDeathGuard
    ? [options.parentDeathGuard, ['--pdeathsig', 'KILL', '--', request.command, ...request.args]]
    : [request.command, request.args];
  const child = spawn(command, args, { cwd: request.cwd, env: request.env, stdio: ['pipe', 'pipe', 'pipe'], signal: request.signal });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', options.onStderr);
  const kill = () => child.kill('SIGKILL');
  if (options.hardStop.aborted) kill();
  else options.hardStop.addEventListener('abort', kill, { once: true });
  child.once('exit', () => options.hardStop.removeEventListener('abort', kill));
  return child;
}
