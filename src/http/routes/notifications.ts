import { Hono } from 'hono';
import { z } from 'zod';
import { ValidationError } from '../../domain/errors.js';
import type { NotificationStatus } from '../../domain/task.js';
import type { ForgeServices } from '../../forge.js';
import { respondToNotification } from '../../permissions/approvals.js';
import { listNotifications } from '../../store/notifications.js';
import { readJson } from '../request-body.js';

const STATUSES = ['pending', 'approved', 'denied', 'cancelled'] as const;

const Answer = z.object({
  decision: z.enum(['approve', 'deny', 'always_allow'], {
    error: (issue) =>
      issue.input === undefined ? 'required: one of approve, deny, always_allow' : `"${String(issue.input)}" is not one of approve, deny, always_allow`,
  }),
  message: z.string().max(5000).optional(),
  pattern: z.string().min(1).max(1000).nullable().optional(),
});

export function notificationRoutes(services: ForgeServices): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    const status = c.req.query('status');
    if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
      throw new ValidationError(`status: "${status}" is not a notification status; use one of ${STATUSES.join(', ')}.`);
    }
    const taskId = c.req.query('taskId');
    return c.json(await listNotifications(services.db, { status: status as NotificationStatus | undefined, taskId }));
  });
  app.post('/:id/respond', async (c) => {
    const answer = await readJson(c, Answer);
    return c.json(await respondToNotification(services, c.req.param('id'), answer));
  });
  return app;
}
