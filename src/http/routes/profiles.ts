import { Hono } from 'hono';
import { NotFoundError } from '../../domain/errors.js';
import type { ForgeServices } from '../../forge.js';

export function profileRoutes(services: ForgeServices): Hono {
  const app = new Hono();
  app.get('/', (c) => c.json(services.profiles.list()));
  app.get('/:id', (c) => {
    const profile = services.profiles.get(c.req.param('id'));
    if (!profile) throw new NotFoundError(`No profile with id "${c.req.param('id')}".`);
    return c.json(profile);
  });
  return app;
}
