import { z } from 'zod';
import { RUNTIME_IDS } from '../domain/runtime-id.js';
import { fieldError, formatFieldPath } from './field-errors.js';

export const PROFILE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,63}$/;
export const MAX_TURNS_LIMIT = 200;
const TOOL_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.:-]{0,127}$/;

const ID_FIX = 'use 2-64 lowercase letters, digits and dashes, starting with a letter or digit';
const RUNTIME_FIX = `use one of ${RUNTIME_IDS.join(', ')}`;
const TOOL_FIX = 'use a tool name such as Read, Write, Edit, Glob, Grep, Bash, WebSearch';

const runtimeId = z.enum(RUNTIME_IDS, { error: fieldError(RUNTIME_FIX, 'a runtime') });
const text = (fix: string, max: number) => z.string({ error: fieldError(fix) }).trim().min(1).max(max);
const toolList = z.array(z.string({ error: fieldError(TOOL_FIX, 'a tool name') }).regex(TOOL_NAME_PATTERN), {
  error: fieldError('write a list of tool names, e.g. [Read, Glob, Grep]'),
});

const smokeTest = z.strictObject(
  {
    name: text('give the smoke test a short name', 200),
    task: text('write the task the agent is given', 4000),
    expectIncludes: z.array(text('use non-empty text the answer must contain', 500), {
      error: fieldError('list at least one text the answer must contain'),
    }).min(1),
  },
  { error: fieldError('write each smoke test as {name, task, expectIncludes: [..]}') },
);

/** What profile.yaml may contain. */
export const profileYamlSchema = z.strictObject(
  {
    id: z.string({ error: fieldError(ID_FIX, 'a valid id') }).regex(PROFILE_ID_PATTERN),
    name: text('give the profile a display name', 100),
    version: text('quote the version, e.g. version: "1.0.0"', 50),
    description: text('describe in one or two sentences what this agent does', 1000),
    domainTags: z.array(text('use short lowercase tags', 50), { error: fieldError('write a list of tags, e.g. [review, security]') }).default([]),
    supportedRuntimes: z.array(runtimeId, { error: fieldError(`list the runtimes this profile works on; ${RUNTIME_FIX}`) }).min(1),
    preferredRuntime: runtimeId,
    allowedTools: toolList.default([]),
    autoApprove: toolList.default([]),
    autoDeny: toolList.default([]),
    maxTurns: z.number({ error: fieldError(`use a whole number from 1 to ${MAX_TURNS_LIMIT}`, 'a whole number') })
      .int().min(1).max(MAX_TURNS_LIMIT),
    models: z.partialRecord(runtimeId, text('give the model name as text', 200), {
      error: fieldError(`map runtime to model, e.g. models: { ollama: llama3.1 }; ${RUNTIME_FIX}`),
    }).default({}),
    smokeTests: z.array(smokeTest, { error: fieldError('write a list of {name, task, expectIncludes}') }).default([]),
  },
  { error: fieldError('write profile.yaml as a mapping of fields: id, name, version, description, supportedRuntimes, preferredRuntime, maxTurns, ...') },
);

export type ProfileYaml = z.output<typeof profileYamlSchema>;

/** Front matter of SKILL.md; other keys (allowed-tools, license, ...) belong to Claude Code and are kept out of our way. */
export const skillFrontMatterSchema = z.looseObject(
  {
    name: text('add "name:" to the front matter', 100),
    description: text('add "description:" to the front matter', 1000),
  },
  { error: fieldError('start SKILL.md with a YAML front matter block between --- lines') },
);

/** One problem in one file, already phrased for a human. */
export interface FieldProblem {
  field: string;
  message: string;
}

export function zodProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    // Report each unknown key as its own field, so the message points at the typo.
    if (issue.code === 'unrecognized_keys') {
      const underModels = issue.path.length === 1 && issue.path[0] === 'models';
      return issue.keys.map((key) => ({
        field: formatFieldPath([...issue.path, key]),
        message: underModels
          ? `"${key}" is not a runtime; ${RUNTIME_FIX}`
          : 'is not a known field; remove it or fix the spelling',
      }));
    }
    return [{ field: formatFieldPath(issue.path), message: issue.message }];
  });
}

/** Rules that span fields; zod checks each field on its own. */
export function policyProblems(profile: ProfileYaml): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!profile.supportedRuntimes.includes(profile.preferredRuntime)) {
    problems.push({
      field: 'preferredRuntime',
      message: `"${profile.preferredRuntime}" is not in supportedRuntimes; add it there or pick one of ${profile.supportedRuntimes.join(', ')}`,
    });
  }
  profile.autoApprove.forEach((tool, index) => {
    if (profile.autoDeny.includes(tool)) {
      problems.push({
        field: `autoApprove[${index}]`,
        message: `"${tool}" is in both autoApprove and autoDeny; keep it in only one of them`,
      });
    }
    if (profile.allowedTools.length > 0 && !profile.allowedTools.includes(tool)) {
      problems.push({
        field: `autoApprove[${index}]`,
        message: `"${tool}" is auto-approved but not in allowedTools; add it to allowedTools or remove it here`,
      });
    }
  });
  for (const [runtime] of Object.entries(profile.models)) {
    if (!(profile.supportedRuntimes as string[]).includes(runtime)) {
      problems.push({
        field: `models.${runtime}`,
        message: `"${runtime}" has a model but is not in supportedRuntimes; add the runtime or remove the model`,
      });
    }
  }
  return problems;
}
