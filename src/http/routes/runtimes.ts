import { Hono } from 'hono';
import type { ForgeServices } from '../../forge.js';

/** Which runtimes are configured, and which answer from the simulator. */
export function runtimeRoutes(services: ForgeServices): Hono {
  const app = new Hono();
  app.get('/', (c) =>
    c.json(
      [...services.runtimes.values()].map((runtime) => ({
        id: runtime.id,
        capabilities: runtime.capabilities,
        concurrencyLimit: services.config.runtimeConcurrency[runtime.id] ?? services.config.maxConcurrency,
        ...runtime.connection(),
      })),
    ),
  );
  return app;
}
