import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ForbiddenError, NotFoundError, PayloadTooLargeError, UnauthorizedError, ValidationError } from '../domain/errors.js';
import type { ForgeServices } from '../forge.js';
import { handleError } from './error-handler.js';
import { eventRoutes } from './routes/events.js';
import { documentRoutes } from './routes/documents.js';
import { notificationRoutes } from './routes/notifications.js';
import { projectRoutes } from './routes/projects.js';
import { runtimeRoutes } from './routes/runtimes.js';
import { settingsRoutes } from './routes/settings.js';
import { taskRoutes } from './routes/tasks.js';
import { profileRoutes } from './routes/profiles.js';
import { timingSafeEqual } from 'node:crypto';

export const WEB_DIR = fileURLToPath(new URL('../../web', import.meta.url));
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** The HTTP API, the SSE log streams and the web UI, same origin. */
export function createHttpApp(services: ForgeServices): Hono {
  const app = new Hono();
  app.onError(handleError);

  const token = services.config.apiToken;
  app.use('/api/*', async (c, next) => {
    guardRequestOrigin(c.req.method, c.req.header('host'), c.req.header('origin'), token !== undefined);
    if (/%00/i.test(c.req.url)) throw new ValidationError('The URL contains a NUL character (%00); remove it.');
    await next();
  });
  if (token) {
    app.use('/api/*', async (c, next) => {
      const header = c.req.header('authorization');
      const given = header?.startsWith('Bearer ') ? header.slice(7) : c.req.query('token');
      if (!given || !sameSecret(given, token)) {
        throw new UnauthorizedError('Missing or wrong API token: send "Authorization: Bearer <FORGE_API_TOKEN>" (or ?token= for EventSource).');
      }
      await next();
    });
  }
  // Mounted before the general body limit: document uploads carry their own (FORGE_MAX_UPLOAD_BYTES).
  app.route('/api', documentRoutes(services));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: services.config.maxBodyBytes,
      onError: () => {
        throw new PayloadTooLargeError(`Request body is larger than ${services.config.maxBodyBytes} bytes; send less.`);
      },
    }),
  );

  app.get('/api/health', (c) =>
    c.json({
      ok: true,
      database: services.store.engine,
      running: services.scheduler.runningCount,
      simulator: services.simulator ? services.simulator.url : null,
    }),
  );
  app.route('/api/projects', projectRoutes(services));
  app.route('/api/tasks', taskRoutes(services));
  app.route('/api/notifications', notificationRoutes(services));
  app.route('/api/settings', settingsRoutes(services));
  app.route('/api/runtimes', runtimeRoutes(services));
  app.route('/api/profiles', profileRoutes(services));
  app.route('/api/events', eventRoutes(services));
  app.all('/api/*', (c) => {
    throw new NotFoundError(`No API route ${c.req.method} ${c.req.path}.`);
  });

  app.get('*', (c) => {
    const path = c.req.path === '/' ? '/index.html' : c.req.path;
    const file = normalize(join(WEB_DIR, path));
    const servable = file.startsWith(WEB_DIR) && existsSync(file) && CONTENT_TYPES[extname(file)];
    // Unknown paths get the app shell so client-side routes work on reload.
    const target = servable ? file : join(WEB_DIR, 'index.html');
    if (!existsSync(target)) return c.text('Forge UI is not built.', 404);
    return c.body(readFileSync(target), 200, { 'content-type': CONTENT_TYPES[extname(target)] ?? 'application/octet-stream' });
  });
  return app;
}

/**
 * A web page on another site must not drive this API through the user's browser: state-changing
 * requests whose Origin is not this server are refused (a form or text/plain POST needs no CORS
 * preflight), and without a token only loopback Host names are served, which stops DNS rebinding.
 */
function guardRequestOrigin(method: string, host: string | undefined, origin: string | undefined, hasToken: boolean): void {
  if (!hasToken && !isLoopbackHostHeader(host)) {
    throw new ForbiddenError(`Host "${host ?? ''}" is not this server's loopback address; open Forge at http://127.0.0.1:<port>, or set FORGE_API_TOKEN to serve other names.`);
  }
  if (method === 'GET' || method === 'HEAD' || origin === undefined) return;
  let originHost: string | undefined;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = undefined;
  }
  if (originHost !== host) {
    throw new ForbiddenError(`Cross-site request refused: Origin ${origin} is not this server (${host ?? 'unknown host'}).`);
  }
}

function isLoopbackHostHeader(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
  return name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
