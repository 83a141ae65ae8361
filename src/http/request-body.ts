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
  return validate(schema, value);
}

export function validate<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(describeIssues(result.error));
  return result.data;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
