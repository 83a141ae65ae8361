import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.js';
import type { Profile } from '../../domain/profile.js';
import { isRuntimeId, RUNTIME_IDS } from '../../domain/runtime-id.js';
import type { ForgeServices } from '../../forge.js';
import { classifyTask } from '../../profiles/classifier.js';
import { ProfileValidationError, type ProfileOverride } from '../../profiles/registry.js';
import { listSmokeRuns, startSmokeRun } from '../../profiles/smoke-runner.js';
import { readJson } from '../request-body.js';
import { NewTask } from './tasks.js';

const ProfileDocument = z.record(z.string(), z.unknown(), { error: 'send the profile as a JSON object' });
const ClassifyRequest = NewTask.pick({ title: true, description: true });
const SmokeRunRequest = z.object({
  runtime: z.enum(RUNTIME_IDS, { error: `use one of ${RUNTIME_IDS.join(', ')}, or omit it for the profile's preferred runtime` }).optional(),
});
/** What this API adds to a profile; a client may send a profile back as it got it. */
const PRESENTED_ONLY_KEYS = ['overrides'] as const;

/** A profile as the API shows it: where it comes from and which lower-layer profile it hides, if any. */
function present(profile: Profile, overrides: ProfileOverride[]) {
  const override = overrides.find((entry) => entry.id === profile.id);
  return { ...profile, overrides: override ? { source: override.overrides, path: override.overriddenPath ?? null } : null };
}

function readOnlyReason(profile: Profile): string {
  if (profile.source === 'builtin') {
    return `Profile "${profile.id}": built-in profiles are read-only; copy it under a new id with POST /api/profiles.`;
  }
  return `Profile "${profile.id}" comes from ${profile.source} files${profile.path ? ` at ${profile.path}` : ''}; edit them there.`;
}

export function profileRoutes(services: ForgeServices): Hono {
  const { profiles } = services;
  const app = new Hono();

  const mustFind = (id: string) => {
    const profile = profiles.get(id);
    if (!profile) throw new NotFoundError(`No profile with id "${id}"; GET /api/profiles lists them.`);
    return profile;
  };
  const mustFindUserProfile = (id: string) => {
    const profile = mustFind(id);
    if (profile.source !== 'user') throw new ValidationError(readOnlyReason(profile));
    return profile;
  };
  /** Saves through the registry's validation; its problem list comes back whole, one entry per problem. */
  const save = (c: Context, input: Record<string, unknown>, status: 200 | 201) => {
    const fields = { ...input };
    for (const key of PRESENTED_ONLY_KEYS) delete fields[key];
    try {
      return c.json(present(profiles.saveUserProfile(fields), profiles.overrides()), status);
    } catch (error) {
      if (!(error instanceof ProfileValidationError)) throw error;
      return c.json({ error: { code: 'invalid_request', message: error.problems.join('; '), problems: error.problems } }, 400);
    }
  };

  app.get('/', (c) => {
    const overrides = profiles.overrides();
    return c.json(profiles.list().map((profile) => present(profile, overrides)));
  });

  /** Profiles that failed to load, so a broken one is visible instead of silently missing. */
  app.get('/errors', (c) => c.json(profiles.errors()));

  app.post('/classify', async (c) => c.json(classifyTask(profiles.list(), await readJson(c, ClassifyRequest))));

  app.post('/', async (c) => {
    const input = await readJson(c, ProfileDocument);
    const existing = typeof input.id === 'string' ? profiles.get(input.id) : undefined;
    if (existing?.source === 'user') {
      throw new ConflictError(`A user profile "${existing.id}" already exists; change it with PUT /api/profiles/${existing.id}.`);
    }
    return save(c, input, 201);
  });

  app.get('/:id', (c) => c.json(present(mustFind(c.req.param('id')), profiles.overrides())));

  app.put('/:id', async (c) => {
    const id = mustFindUserProfile(c.req.param('id')).id;
    const input = await readJson(c, ProfileDocument);
    if (input.id !== undefined && input.id !== id) {
      throw new ValidationError(`id: "${String(input.id)}" differs from "${id}"; ids cannot change, so create a new profile with POST and delete this one.`);
    }
    return save(c, { ...input, id }, 200);
  });

  app.delete('/:id', (c) => {
    const id = mustFindUserProfile(c.req.param('id')).id;
    if (!profiles.deleteUserProfile(id)) throw new NotFoundError(`No user profile with id "${id}".`);
    return c.body(null, 204);
  });

  app.post('/:id/test', async (c) => {
    const profile = mustFind(c.req.param('id'));
    const { runtime } = await readJson(c, SmokeRunRequest);
    return c.json(await startSmokeRun(services, profile, runtime ?? profile.preferredRuntime), 202);
  });

  app.get('/:id/test-results', async (c) => {
    const profile = mustFind(c.req.param('id'));
    const runtime = c.req.query('runtime');
    if (runtime !== undefined && !isRuntimeId(runtime)) {
      throw new ValidationError(`runtime: "${runtime}" is not a runtime; use one of ${RUNTIME_IDS.join(', ')}.`);
    }
    const runs = await listSmokeRuns(services.db, profile.id);
    return c.json({ profileId: profile.id, runs: runtime === undefined ? runs : runs.filter((run) => run.runtime === runtime) });
  });

  return app;
}
