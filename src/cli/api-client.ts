import { HttpError } from './sse-client.js';

/** A thin JSON client for the Forge API, used by the CLI. */
export class ForgeClient {
  constructor(
    readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  get headers(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: { ...this.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new Error(`cannot reach Forge at ${this.baseUrl}: is the server running (npm start)? Set FORGE_URL if it listens elsewhere.`);
    }
    const text = await response.text();
    if (!response.ok) throw new HttpError(response.status, text);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
