import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** Scenario names travel inside `[[scenario:NAME]]` tags, so they stay to a simple alphabet. */
const SCENARIO_NAME_PATTERN = /^[A-Za-z0-9_.-]+$/;

const nonNegativeInt = z.number().int().nonnegative();

const toolCallSchema = z
  .object({
    name: z.string().min(1),
    /** An object for function tools; a string for custom (freeform) tools such as Codex's apply_patch. */
    input: z.union([z.record(z.string(), z.unknown()), z.string()]).optional(),
    custom: z.boolean().optional(),
  })
  .strict()
  .superRefine((call, context) => {
    const isString = typeof call.input === 'string';
    if (call.custom && !isString) {
      context.addIssue({ code: 'custom', path: ['input'], message: 'a custom tool call needs a string input' });
    }
    if (!call.custom && isString) {
      context.addIssue({ code: 'custom', path: ['input'], message: 'a string input needs `custom: true`' });
    }
  });

/** Faults other than `http` may cut the stream after `afterChunks` frames (default: half of them). */
const streamFaultFields = { afterChunks: nonNegativeInt.optional(), times: nonNegativeInt.optional() };

const faultSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('http'),
      status: z.number().int().min(400).max(599),
      retryAfter: z.number().nonnegative().optional(),
      message: z.string().optional(),
      times: nonNegativeInt.optional(),
    })
    .strict(),
  z.object({ kind: z.literal('malformed'), ...streamFaultFields }).strict(),
  z.object({ kind: z.literal('reset'), ...streamFaultFields }).strict(),
  z.object({ kind: z.literal('stall'), ...streamFaultFields }).strict(),
  z.object({ kind: z.literal('stream_error'), message: z.string().optional(), ...streamFaultFields }).strict(),
]);

/** A scripted reply for requests whose last user text contains `whenIncludes` (case-sensitive). */
const answerSchema = z.object({ whenIncludes: z.string().min(1), text: z.string() }).strict();

const turnSchema = z
  .object({
    text: z.string().optional(),
    /** Checked in order, first match wins; without a match the turn's `text` is the reply. */
    answers: z.array(answerSchema).optional(),
    toolCalls: z.array(toolCallSchema).optional(),
    usage: z.object({ input_tokens: nonNegativeInt, output_tokens: nonNegativeInt }).strict().optional(),
    delayMs: nonNegativeInt.optional(),
    chunkDelayMs: nonNegativeInt.optional(),
    fault: faultSchema.optional(),
  })
  .strict();

const scenarioSchema = z
  .object({
    name: z.string().regex(SCENARIO_NAME_PATTERN, 'use letters, digits, ".", "_" or "-"'),
    description: z.string().optional(),
    /** Replaces the named scenario for clients that offer `requiresTool` (e.g. Codex's apply_patch). */
    variantOf: z.string().optional(),
    requiresTool: z.string().min(1).optional(),
    turns: z.array(turnSchema).min(1),
  })
  .strict()
  .refine((s) => (s.variantOf === undefined) === (s.requiresTool === undefined), {
    message: 'variantOf and requiresTool go together',
    path: ['requiresTool'],
  });

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioTurn = z.infer<typeof turnSchema>;
export type ScenarioFault = z.infer<typeof faultSchema>;
export type ScenarioToolCall = z.infer<typeof toolCallSchema>;

/** Validates a scenario; `source` (a file path or "scenario") prefixes every error message. */
export function parseScenario(value: unknown, source = 'scenario'): Scenario {
  const result = scenarioSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  throw new Error(`Invalid ${source}: ${problems.join('; ')}`);
}

/** Reads one scenario from a YAML or JSON file (YAML is a superset of JSON); the name defaults to the file name. */
export function loadScenarioFile(path: string): Scenario {
  let document: unknown;
  try {
    document = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read scenario file ${path}: ${(error as Error).message}`);
  }
  if (document && typeof document === 'object' && !Array.isArray(document) && !('name' in document)) {
    document = { name: basename(path, extname(path)), ...document };
  }
  return parseScenario(document, `scenario file ${path}`);
}

function formatPath(path: PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((key, position) => (typeof key === 'number' ? `[${key}]` : `${position === 0 ? '' : '.'}${String(key)}`))
    .join('');
}
