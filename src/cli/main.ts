import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { startServer } from '../server.js';
import { ForgeClient } from './api-client.js';
import { HttpError, followTaskLogs } from './sse-client.js';

const USAGE = `forge — run AI agents as tasks

  forge serve                               start the server (API, SSE, UI) on 127.0.0.1:$PORT (default 4100)
  forge project <name> <folder>             create a project (the folder its agents work in); prints its id
  forge add <title> [--runtime R] [--profile P] [--description D] [--project ID] [--priority 1-5]
  forge list                                list tasks
  forge show <taskId>                       a task with its latest execution
  forge execute <taskId> [--follow]         queue a task (and follow its log)
  forge run <title> [add's options]         add, execute and follow in one go
  forge logs <taskId>                       follow a task's log until it ends
  forge cancel <taskId>                     cancel a queued or running task
  forge approvals                           list pending permission requests
  forge approve <notificationId> [--always] [--message M]
  forge deny <notificationId> [--message M]

Environment: FORGE_URL (default http://127.0.0.1:$PORT), FORGE_API_TOKEN, and for serve: PORT, HOST,
FORGE_DATA_DIR, FORGE_DATABASE_URL, ANTHROPIC_API_KEY / ANTHROPIC_BASE_URL (without a key the simulator answers).`;

type Entry = { id: number; type: string; [key: string]: unknown };

async function main(argv: string[]): Promise<void> {
  const [command = 'help', ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') return void console.log(USAGE);
  if (command === 'serve') return serveCommand();

  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      runtime: { type: 'string', default: 'anthropic' },
      profile: { type: 'string' },
      description: { type: 'string' },
      project: { type: 'string' },
      priority: { type: 'string' },
      follow: { type: 'boolean', default: false },
      always: { type: 'boolean', default: false },
      message: { type: 'string' },
    },
  });
  const env = process.env;
  const client = new ForgeClient(env.FORGE_URL ?? `http://127.0.0.1:${env.PORT ?? 4100}`, env.FORGE_API_TOKEN);
  const arg = (name: string) => {
    const value = positionals[0];
    if (!value) throw new UsageError(`missing <${name}>`);
    return value;
  };
  const newTask = () => ({
    title: positionals.join(' ') || arg('title'),
    description: values.description,
    assignedAgent: values.runtime,
    agentProfile: values.profile,
    projectId: values.project,
    priority: values.priority === undefined ? undefined : Number(values.priority),
  });

  switch (command) {
    case 'project': {
      const [name, folder] = positionals;
      if (!name || !folder) throw new UsageError('usage: forge project <name> <folder>');
      const project = await client.request<{ id: string }>('POST', '/api/projects', { name, workingDirectory: resolve(folder) });
      return void console.log(project.id);
    }
    case 'add': {
      const task = await client.request<{ id: string; agentProfile: string }>('POST', '/api/tasks', newTask());
      return void console.log(`created task ${task.id} (profile ${task.agentProfile})`);
    }
    case 'list': {
      const tasks = await client.request<Array<Record<string, string>>>('GET', '/api/tasks');
      for (const t of tasks) console.log(`${t.id}  ${String(t.status).padEnd(16)} ${String(t.assignedAgent).padEnd(11)} ${t.title}`);
      return;
    }
    case 'show':
      return void console.log(JSON.stringify(await client.request('GET', `/api/tasks/${arg('taskId')}`), null, 2));
    case 'execute': {
      const id = arg('taskId');
      const accepted = await client.request<{ sessionId: string }>('POST', `/api/tasks/${id}/execute`);
      console.log(`queued: session ${accepted.sessionId}`);
      if (values.follow) await follow(client, id);
      return;
    }
    case 'run': {
      const task = await client.request<{ id: string }>('POST', '/api/tasks', newTask());
      await client.request('POST', `/api/tasks/${task.id}/execute`);
      console.log(`task ${task.id} queued`);
      return follow(client, task.id);
    }
    case 'logs':
      return follow(client, arg('taskId'));
    case 'cancel':
      await client.request('POST', `/api/tasks/${arg('taskId')}/cancel`);
      return void console.log('cancelled');
    case 'approvals': {
      const pending = await client.request<Array<Record<string, unknown>>>('GET', '/api/notifications?status=pending');
      if (pending.length === 0) return void console.log('no pending approvals');
      for (const n of pending) console.log(`${n.id}  task ${n.taskId}  ${n.tool} ${JSON.stringify(n.input)}`);
      return;
    }
    case 'approve':
    case 'deny': {
      const decision = command === 'deny' ? 'deny' : values.always ? 'always_allow' : 'approve';
      await client.request('POST', `/api/notifications/${arg('notificationId')}/respond`, { decision, message: values.message });
      return void console.log(`${decision} recorded`);
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

async function serveCommand(): Promise<void> {
  const server = await startServer(loadConfig());
  const { forge } = server;
  console.log(`Forge listening on ${server.url} (database: ${forge.store.engine} at ${forge.store.location})`);
  for (const runtime of forge.runtimes.values()) {
    const connection = runtime.connection();
    const where = connection.mode === 'unconfigured' ? `not configured: ${connection.reason}` : `${connection.mode} → ${connection.endpoint}`;
    console.log(`  runtime ${runtime.id.padEnd(11)} ${where}`);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping; running tasks resume at the next start.`);
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

async function follow(client: ForgeClient, taskId: string): Promise<void> {
  await followTaskLogs(`${client.baseUrl}/api/tasks/${taskId}/logs`, {
    headers: client.headers,
    onEntry: (entry) => void console.log(formatEntry(entry)),
    onReconnect: (last) => console.error(`(connection lost; resuming after entry ${last ?? 0})`),
  });
}

function formatEntry(entry: Entry): string {
  switch (entry.type) {
    case 'status':
      return `● ${entry.status}${entry.message ? ` — ${entry.message}` : ''}`;
    case 'assistant_text':
      return `${entry.text}`;
    case 'tool_use':
      return `→ ${entry.tool} ${JSON.stringify(entry.input)}`;
    case 'tool_result':
      return `${entry.isError ? '✗' : '←'} ${String(entry.output).slice(0, 400)}`;
    case 'permission_request':
      return `? ${entry.tool} needs approval: forge approve ${entry.notificationId}   (or: forge deny ${entry.notificationId})`;
    case 'permission_decision':
      return `  ${entry.decision} (${entry.source})${entry.message ? `: ${entry.message}` : ''}`;
    case 'usage':
      return `  tokens: ${entry.inputTokens} in / ${entry.outputTokens} out`;
    case 'error':
      return `! ${entry.message}`;
    case 'result':
      return `✓ ${entry.output}`;
    default:
      return JSON.stringify(entry);
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`forge: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(`forge: ${error instanceof HttpError || error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
