import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError } from '../../domain/errors.js';
import type { ForgeServices } from '../../forge.js';
import { normaliseToolName } from '../../permissions/tool-names.js';
import { deletePermissionRule, insertPermissionRule, listPermissionRules } from '../../store/permission-rules.js';
import { readJson } from '../request-body.js';

const NewRule = z.object({
  tool: z.string({ error: 'required: the tool name, e.g. Bash' }).trim().min(1),
  pattern: z.string().min(1).max(1000).nullable().optional(),
});

/** The stored "Always Allow" rules. */
export function settingsRoutes(services: ForgeServices): Hono {
  const app = new Hono();
  app.get('/permissions', async (c) => c.json(await listPermissionRules(services.db)));
  app.post('/permissions', async (c) => {
    const input = await readJson(c, NewRule);
    const rule = await insertPermissionRule(services.db, {
      tool: normaliseToolName(input.tool),
      pattern: input.pattern ?? null,
      createdFromNotificationId: null,
    });
    return c.json(rule, 201);
  });
  app.delete('/permissions/:id', async (c) => {
    const id = c.req.param('id');
    if (!(await deletePermissionRule(services.db, id))) throw new NotFoundError(`No permission rule with id "${id}".`);
    return c.body(null, 204);
  });
  return app;
}
