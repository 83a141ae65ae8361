import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

export type JsonObject = Record<string, any>;

/** A server → client request: approvals and the like. Its id space overlaps ours; `method` tells them apart. */
export interface ServerRequest {
  id: number | string;
  method: string;
  params: JsonObject;
}

export interface AppServerHandlers {
  onNotification(method: string, params: JsonObject): void;
  onRequest(request: ServerRequest): void;
  /** The process ended (for whatever reason) before `stop()` was called. */
  onExit(description: string): void;
}

const STDERR_TAIL_CHARS = 2000;

/**
 * One `codex app-server` child process and its JSON-RPC over stdio: one JSON object per line,
 * without the "jsonrpc" field.
 */
export class CodexAppServer {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<number, { resolve(value: any): void; reject(error: Error): void }>();
  private nextId = 1;
  private stderrTail = '';
  private stopping = false;
  private exitDescription: string | undefined;
  readonly exited: Promise<void>;

  constructor(binary: string, options: { env: Record<string, string>; cwd: string }, private readonly handlers: AppServerHandlers) {
    this.child = spawn(binary, ['app-server'], { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS);
    });
    this.child.stdin.on('error', () => {}); // a closed pipe surfaces as the exit below
    createInterface({ input: this.child.stdout }).on('line', (line) => this.receive(line));
    this.exited = new Promise((resolve) => {
      const finish = (description: string) => {
        if (this.exitDescription !== undefined) return;
        this.exitDescription = description;
        const error = new Error(`codex app-server ${description}${this.describeStderr()}`);
        for (const { reject } of this.pending.values()) reject(error);
        this.pending.clear();
        if (!this.stopping) handlers.onExit(error.message);
        resolve();
      };
      this.child.on('error', (error) => finish(`could not start: ${error.message}`));
      this.child.on('exit', (code, signal) => finish(signal ? `was killed by ${signal}` : `exited with code ${code}`));
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  request<T = JsonObject>(method: string, params: JsonObject): Promise<T> {
    if (this.exitDescription !== undefined) return Promise.reject(new Error(`codex app-server ${this.exitDescription}`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ method, id, params });
    });
  }

  notify(method: string, params?: JsonObject): void {
    this.send(params === undefined ? { method } : { method, params });
  }

  respond(id: number | string, result: JsonObject): void {
    this.send({ id, result });
  }

  respondError(id: number | string, message: string): void {
    this.send({ id, error: { code: -32601, message } });
  }

  /** Closing stdin makes app-server exit on its own; SIGTERM, then SIGKILL, if it does not. */
  async stop(graceMs = 1500): Promise<void> {
    this.stopping = true;
    if (this.exitDescription !== undefined) return;
    this.child.stdin.end();
    if (await this.exitsWithin(graceMs)) return;
    this.child.kill('SIGTERM');
    if (await this.exitsWithin(graceMs)) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  private exitsWithin(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      void this.exited.then(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private send(message: JsonObject): void {
    if (this.exitDescription === undefined && this.child.stdin.writable) this.child.stdin.write(`${JSON.stringify(message)}\n`);
  }

  private receive(line: string): void {
    if (!line.trim()) return;
    let message: JsonObject;
    try {
      message = JSON.parse(line);
    } catch {
      return; // not protocol output; app-server logs go to stderr, so this is noise
    }
    if (typeof message.method === 'string') {
      if (message.id !== undefined) this.handlers.onRequest({ id: message.id, method: message.method, params: message.params ?? {} });
      else this.handlers.onNotification(message.method, message.params ?? {});
      return;
    }
    const waiter = typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
    if (!waiter) return;
    this.pending.delete(message.id);
    if (message.error) waiter.reject(new Error(`codex app-server: ${message.error.message ?? JSON.stringify(message.error)}`));
    else waiter.resolve(message.result ?? {});
  }

  private describeStderr(): string {
    const lastLine = this.stderrTail
      .replace(/\u001b\[[0-9;]*m/g, '')
      .trim()
      .split('\n')
      .at(-1);
    return lastLine ? ` (${lastLine})` : '';
  }
}
