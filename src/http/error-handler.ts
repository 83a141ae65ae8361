import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ForgeError, PayloadTooLargeError } from '../domain/errors.js';

/** The one place errors become HTTP responses: named errors keep their status, anything else is a logged 500. */
export function handleError(error: Error, c: Context): Response {
  if (error instanceof ForgeError) {
    // The rest of an oversized body is never read, so this connection can't carry another request.
    const headers = error instanceof PayloadTooLargeError ? { connection: 'close' } : undefined;
    return c.json({ error: { code: error.code, message: error.message } }, error.status as 400, headers);
  }
  if (error instanceof HTTPException) {
    return c.json({ error: { code: 'http_error', message: error.message } }, error.status);
  }
  console.error('[forge] unexpected error on', c.req.method, c.req.path, error);
  return c.json({ error: { code: 'internal', message: 'Internal error; the server log has the details.' } }, 500);
}
