import type { z } from 'zod';

type Issue = z.core.$ZodRawIssue;

/** Describes a value briefly for an error message ("a number (3)", "an empty list"). */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  return `${typeof value === 'number' ? 'a number' : `a ${typeof value}`} (${String(value)})`;
}

const EXPECTED_NOUN: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  array: 'a list',
  object: 'a mapping of fields',
  record: 'a mapping',
};

function describeProblem(issue: Issue, noun: string): string {
  const input = issue.input;
  if (input === undefined) return 'is missing';
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${EXPECTED_NOUN[issue.expected] ?? issue.expected}, got ${describeValue(input)}`;
    case 'invalid_value':
      return `${JSON.stringify(input)} is not ${noun}`;
    case 'invalid_format':
      return `${JSON.stringify(input)} is not ${noun}`;
    case 'too_small':
      if (typeof input === 'string') return input.length === 0 ? 'is empty' : `${JSON.stringify(input)} is too short`;
      if (Array.isArray(input)) return `has ${input.length} entries, needs at least ${String(issue.minimum)}`;
      return `${String(input)} is too small`;
    case 'too_big':
      if (typeof input === 'string') return `is ${input.length} characters long, the limit is ${String(issue.maximum)}`;
      if (Array.isArray(input)) return `has ${input.length} entries, the limit is ${String(issue.maximum)}`;
      return `${String(input)} is too large`;
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`;
    default:
      return 'is not valid';
  }
}

/**
 * A zod error callback whose message reads "<problem>; <fix>", so the caller
 * only has to prefix the file and the field.
 */
export function fieldError(fix: string, noun = 'valid') {
  return (issue: Issue): string => `${describeProblem(issue, noun)}; ${fix}`;
}

/** `["smokeTests", 0, "task"]` → `smokeTests[0].task`; the document itself is "(document)". */
export function formatFieldPath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text === '' ? '(document)' : text;
}
