/** The Forge HTTP API, same origin. Errors carry the server's own message, which is written for people. */
const TOKEN_KEY = 'forge-api-token';

export class ApiError extends Error {
  constructor(status, message, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function apiToken() {
  return localStorage.getItem(TOKEN_KEY) ?? '';
}

export function setApiToken(token) {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

/** EventSource cannot send headers; the server also accepts ?token=. */
export function streamUrl(path) {
  const token = apiToken();
  if (!token) return path;
  return `${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}

export async function api(method, path, body) {
  const headers = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  const token = apiToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'The Forge server is not reachable; is it running?', 'network');
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    const message = parsed?.error?.message ?? `${method} ${path} failed with HTTP ${response.status}.`;
    throw new ApiError(response.status, message, parsed?.error?.code);
  }
  return parsed;
}

/** True when the error means "this server has no such route" (a feature not built yet), not "no such thing". */
export function isMissingRoute(error) {
  return error instanceof ApiError && error.status === 404 && /^No API route/.test(error.message);
}
