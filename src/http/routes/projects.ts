import { existsSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { Hono } from 'hono';
import { z } from 'zod';
import { ValidationError } from '../../domain/errors.js';
import type { ForgeServices } from '../../forge.js';
import { insertProject, listProjects } from '../../store/projects.js';
import { readJson, requiredString } from '../request-body.js';

const NewProject = z.object({
  name: requiredString('give the project a name').trim().min(1, 'must not be empty').max(200),
  workingDirectory: requiredString('the absolute path of an existing folder the agents work in')
    .min(1)
    .refine(isAbsolute, 'must be an absolute path, e.g. /home/me/repo'),
});

export function projectRoutes(services: ForgeServices): Hono {
  const app = new Hono();
  app.post('/', async (c) => {
    const input = await readJson(c, NewProject);
    if (!existsSync(input.workingDirectory) || !statSync(input.workingDirectory).isDirectory()) {
      throw new ValidationError(`workingDirectory: ${input.workingDirectory} is not an existing folder; create it first.`);
    }
    return c.json(await insertProject(services.db, input), 201);
  });
  app.get('/', async (c) => c.json(await listProjects(services.db)));
  return app;
}
