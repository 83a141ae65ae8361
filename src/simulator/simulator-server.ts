import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { anthropicMessages } from './dialects/anthropic-messages.js';
import type { WireDialect } from './dialects/dialect.js';
import { ollamaChat } from './dialects/ollama-chat.js';
import { openAiChatCompletions } from './dialects/openai-chat-completions.js';
import { openAiResponses } from './dialects/openai-responses.js';
import { FaultAttempts } from './fault-attempts.js';
import { playTurn, sendError } from './reply-player.js';
import type { Scenario } from './scenario.js';
import { ScenarioBook } from './scenario-book.js';
import { loadScenarioDirectory } from './scenario-directory.js';
import { planTurn } from './turn-plan.js';

export interface SimulatorOptions {
  host?: string;
  port?: number;
  scenarios?: Scenario[];
  scenarioDir?: string;
  defaultScenario?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  scenario?: string;
  turn?: number;
}

export interface Simulator {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234. */
  url: string;
  port: number;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  addScenario(scenario: Scenario): void;
  /** Closes the server and every open socket, stalled streams included. */
  close(): Promise<void>;
}

/** Model routes match on the path suffix, so base URLs with a path prefix work. */
const MODEL_ROUTES: Array<[suffix: string, dialect: WireDialect]> = [
  ['/v1/messages', anthropicMessages],
  ['/chat/completions', openAiChatCompletions],
  ['/responses', openAiResponses],
  ['/api/chat', ollamaChat],
];

const SIMULATED_OLLAMA_MODEL = {
  name: 'simulator:latest',
  model: 'simulator:latest',
  modified_at: '2025-01-01T00:00:00Z',
  size: 0,
  digest: '0'.repeat(64),
  details: { format: 'gguf', family: 'simulator', parameter_size: '0B', quantization_level: 'none' },
};

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseJson(raw: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: raw ? JSON.parse(raw) : undefined };
  } catch {
    return { ok: false };
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const book = new ScenarioBook();
  for (const scenario of options.scenarioDir ? loadScenarioDirectory(options.scenarioDir) : []) book.add(scenario);
  for (const scenario of options.scenarios ?? []) book.add(scenario);
  if (options.defaultScenario) book.setDefault(options.defaultScenario);

  const requests: RecordedRequest[] = [];
  const faultAttempts = new FaultAttempts();
  const closing = new AbortController();
  const sockets = new Set<Socket>();

  async function answerModelRequest(
    dialect: WireDialect,
    record: RecordedRequest,
    raw: string,
    parsed: ReturnType<typeof parseJson>,
    response: ServerResponse,
  ): Promise<void> {
    if (!parsed.ok) return sendError(response, dialect, 400, 'The request body is not valid JSON.');
    const { name, scenario } = book.choose(raw);
    record.scenario = name;
    if (!scenario) {
      return sendError(response, dialect, 400, `Unknown simulator scenario "${name}". ${book.describeKnown()}`);
    }
    const plan = planTurn(scenario, dialect, parsed.value, raw);
    record.turn = plan.turnIndex;
    const fault =
      plan.fault && faultAttempts.applies(`${name}\u0000${plan.conversationKey}\u0000${plan.turnIndex}`, plan.fault.times)
        ? plan.fault
        : undefined;
    await playTurn(response, dialect, plan, fault, parsed.value, closing.signal);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = await readBody(request);
    const path = request.url ?? '/';
    const pathname = path.split('?')[0]!.replace(/\/+$/, '');
    const method = request.method ?? 'GET';
    const parsed = parseJson(raw);
    const record: RecordedRequest = {
      method,
      path,
      headers: request.headers,
      body: parsed.ok ? parsed.value : raw,
    };
    requests.push(record);

    if (method === 'POST' && pathname.endsWith('/v1/messages/count_tokens')) {
      return sendJson(response, 200, { input_tokens: Math.max(1, Math.ceil(raw.length / 4)) });
    }
    const route = MODEL_ROUTES.find(([suffix]) => pathname.endsWith(suffix));
    if (method === 'POST' && route) return answerModelRequest(route[1], record, raw, parsed, response);
    if (method === 'GET' && pathname.endsWith('/api/tags')) return sendJson(response, 200, { models: [SIMULATED_OLLAMA_MODEL] });
    if (method === 'POST' && pathname.endsWith('/api/show')) {
      return sendJson(response, 200, {
        modelfile: '',
        parameters: '',
        template: '{{ .Prompt }}',
        details: SIMULATED_OLLAMA_MODEL.details,
        model_info: {},
        capabilities: ['completion', 'tools'],
      });
    }
    if (method === 'GET' && pathname.endsWith('/api/version')) return sendJson(response, 200, { version: '0.12.0' });
    sendJson(response, 404, {
      type: 'error',
      error: { type: 'not_found_error', message: `The simulator has no route for ${method} ${pathname || '/'}.` },
    });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: { message: String(error), type: 'server_error' } });
      else response.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    requests,
    addScenario: (scenario) => book.add(scenario),
    close() {
      closing.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      return closed;
    },
  };
}
