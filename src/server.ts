import { serve, type ServerType } from '@hono/node-server';
import { isLoopback, type ForgeConfig } from './config.js';
import { createForge, type Forge } from './forge.js';

export interface RunningServer {
  forge: Forge;
  url: string;
  close(): Promise<void>;
}

/** Starts Forge: database, scheduler, HTTP API, SSE and UI on one port. */
export async function startServer(config: ForgeConfig): Promise<RunningServer> {
  if (!isLoopback(config.host) && !config.apiToken) {
    throw new Error(
      `Refusing to listen on ${config.host} without an API token: set FORGE_API_TOKEN, or bind to 127.0.0.1 (the default).`,
    );
  }
  const forge = await createForge(config);
  // Listen before recovering or scheduling anything: a second server started by mistake must fail
  // here, before it could requeue the runs of the one already serving.
  let server: ServerType;
  try {
    server = await new Promise<ServerType>((resolve, reject) => {
      const s = serve({ fetch: forge.app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
      s.once('error', reject);
    });
  } catch (error) {
    await forge.stop();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`Port ${config.port} on ${config.host} is already in use (another Forge?). Stop it or set PORT.`);
    }
    throw error;
  }
  await forge.start();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    forge,
    url: `http://${host}:${port}`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // SSE streams are long-lived; don't let them hold the shutdown.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await forge.stop();
    },
  };
}
