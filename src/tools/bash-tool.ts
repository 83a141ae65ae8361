import { spawn } from 'node:child_process';
import { defineTool, failure, success } from './workspace-tool.js';
import { optionalInteger, requiredNonEmptyString } from './tool-input.js';
import { realWorkspace } from './workspace-path.js';
import { bashEnvironment } from './bash-environment.js';
import { BoundedOutput } from './bounded-output.js';

const DEFAULT_TIMEOUT_MS = 120_000;
const MAX_TIMEOUT_MS = 600_000;
// After bash exits, how long to wait for background children still holding the output pipes.
const PIPE_DRAIN_MS = 500;

type Ending = { kind: 'exited'; code: number | null; signal: NodeJS.Signals | null } | { kind: 'timed_out' } | { kind: 'aborted' };

function killProcessGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Runs `command` in its own process group so a timeout or cancel kills everything it started. */
function runCommand(command: string, cwd: string, timeoutMs: number, signal?: AbortSignal) {
  const output = new BoundedOutput();
  const child = spawn('/bin/bash', ['-c', command], {
    cwd,
    env: bashEnvironment(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => output.append(chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => output.append(chunk));

  const ending = new Promise<Ending>((resolve) => {
    let endedEarly: Ending | undefined;
    const stopEarly = (reason: Ending) => {
      endedEarly = reason;
      killProcessGroup(child.pid);
    };
    const timer = setTimeout(() => stopEarly({ kind: 'timed_out' }), timeoutMs);
    const onAbort = () => stopEarly({ kind: 'aborted' });
    signal?.addEventListener('abort', onAbort, { once: true });

    child.on('exit', () => {
      setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, PIPE_DRAIN_MS).unref();
    });
    child.on('close', (code, exitSignal) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(endedEarly ?? { kind: 'exited', code, signal: exitSignal });
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      output.append(`Could not start /bin/bash: ${error.message}`);
      resolve({ kind: 'exited', code: null, signal: null });
    });
  });
  return { output, ending };
}

export const bashTool = defineTool({
  name: 'Bash',
  description:
    'Runs a shell command with /bin/bash in the workspace folder and returns its combined stdout and stderr ' +
    `(capped at 30000 characters) and exit code. timeout is in milliseconds (default ${DEFAULT_TIMEOUT_MS}, max ${MAX_TIMEOUT_MS}); ` +
    'on timeout the command and everything it started are killed. There is no stdin; avoid interactive commands.',
  inputSchema: {
    type: 'object',
    properties: {
      command: { type: 'string', description: 'The command to run' },
      timeout: { type: 'integer', minimum: 1, description: `Timeout in milliseconds (max ${MAX_TIMEOUT_MS})` },
      description: { type: 'string', description: 'Short description of what the command does, in 5-10 words' },
    },
    required: ['command'],
    additionalProperties: false,
  },
  // Path checks cannot confine a shell: Bash can reach outside the workspace until commands are sandboxed.
  async run(input, ctx) {
    const command = requiredNonEmptyString(input, 'command');
    const timeoutMs = Math.min(optionalInteger(input, 'timeout', 1) ?? DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS);

    const { output, ending } = runCommand(command, realWorkspace(ctx.workspace), timeoutMs, ctx.signal);
    const ended = await ending;
    const text = output.isEmpty ? '(no output)' : output.toString().replace(/\n$/, '');
    switch (ended.kind) {
      case 'timed_out':
        return failure(`${text}\n[Command timed out after ${timeoutMs} ms and was killed.]`);
      case 'aborted':
        return failure(`${text}\n[Command was cancelled and killed.]`);
      case 'exited':
        if (ended.code === null) return failure(`${text}\n[Command was killed by ${ended.signal ?? 'a signal'}.]`);
        return ended.code === 0 ? success(`${text}\n[Exit code 0]`) : failure(`${text}\n[Exit code ${ended.code}]`);
    }
  },
});
