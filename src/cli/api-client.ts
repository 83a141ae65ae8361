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
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...this.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try {
        message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text;
      } catch {
        // not JSON: keep the text
      }
      throw new HttpError(response.status, message);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
