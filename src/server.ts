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
  await forge.start();
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: forge.app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
    s.once('error', reject);
  });
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
