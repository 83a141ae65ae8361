/** The model sent an input the tool cannot use; the message says what to send instead. */
export class ToolInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolInputError';
  }
}

type Input = Record<string, unknown>;

export function requiredString(input: Input, field: string): string {
  const value = input[field];
  if (typeof value !== 'string') {
    throw new ToolInputError(`Missing or invalid "${field}": expected a string, got ${describe(value)}.`);
  }
  return value;
}

export function requiredNonEmptyString(input: Input, field: string): string {
  const value = requiredString(input, field);
  if (value.trim() === '') throw new ToolInputError(`"${field}" must not be empty.`);
  return value;
}

export function optionalString(input: Input, field: string): string | undefined {
  return input[field] === undefined || input[field] === null ? undefined : requiredString(input, field);
}

/** A whole number ≥ `minimum`; numeric strings are accepted because models often quote numbers. */
export function optionalInteger(input: Input, field: string, minimum: number): number | undefined {
  const raw = input[field];
  if (raw === undefined || raw === null) return undefined;
  const value = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) {
    throw new ToolInputError(`Invalid "${field}": expected a whole number ≥ ${minimum}, got ${describe(raw)}.`);
  }
  return value;
}

/** A boolean; "true"/"false" strings are accepted because models often quote them. */
export function optionalBoolean(input: Input, field: string): boolean | undefined {
  const raw = input[field];
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'boolean') return raw;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new ToolInputError(`Invalid "${field}": expected true or false, got ${describe(raw)}.`);
}

export function optionalChoice<T extends string>(input: Input, field: string, choices: readonly T[]): T | undefined {
  const raw = input[field];
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string' && (choices as readonly string[]).includes(raw)) return raw as T;
  throw new ToolInputError(`Invalid "${field}": expected one of ${choices.join(', ')}, got ${describe(raw)}.`);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
