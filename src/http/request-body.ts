import type { Context } from 'hono';
import { z } from 'zod';
import { ValidationError } from '../domain/errors.js';

/** Parses and validates a JSON body; every failure becomes a 400 that says which field and how to fix it. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const text = await c.req.text();
  let value: unknown;
  if (text.trim() === '') {
    value = {};
  } else {
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new ValidationError(`Request body is not valid JSON (${(error as Error).message}). Send a JSON object.`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(`Request body must be a JSON object ({...}), not ${Array.isArray(value) ? 'an array' : String(value === null ? 'null' : typeof value)}.`);
  }
  const nul = pathOfNulCharacter(value, '');
  if (nul !== undefined) throw new ValidationError(`${nul || 'body'}: contains a NUL character (\\u0000); remove it.`);
  return validate(schema, value);
}

/** Validates a value; `name` (a query parameter, say) prefixes messages that have no field path of their own. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, name?: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(describeIssues(result.error, name));
  return result.data;
}

/** A string schema whose messages tell a missing value from a wrong type. */
export function requiredString(hint: string) {
  return z.string({ error: (issue) => (issue.input === undefined ? `required: ${hint}` : `must be a string: ${hint}`) });
}

function describeIssues(error: z.ZodError, name?: string): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = [name, ...issue.path].filter((part) => part !== undefined && part !== '').join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** PostgreSQL text cannot hold NUL, and no sane input needs it: find it before it reaches the store. */
function pathOfNulCharacter(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const childPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return childPath;
    const found = pathOfNulCharacter(child, childPath);
    if (found !== undefined) return found;
  }
  return undefined;
}
