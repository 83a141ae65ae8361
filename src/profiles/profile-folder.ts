import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { Profile, ProfileSource } from '../domain/profile.js';
import { firstLine, parseFrontMatter } from './front-matter.js';
import {
  policyProblems,
  profileYamlSchema,
  skillFrontMatterSchema,
  zodProblems,
  type FieldProblem,
  type ProfileYaml,
} from './profile-schema.js';

export const PROFILE_FILE = 'profile.yaml';
export const SKILL_FILE = 'SKILL.md';

/** A problem with one file, phrased "<file>: <field>: <problem>; <fix>". */
export interface ProfileLoadError {
  path: string;
  message: string;
}

export type FolderLoadResult = { ok: true; profile: Profile } | { ok: false; errors: ProfileLoadError[] };

function toErrors(file: string, problems: FieldProblem[]): ProfileLoadError[] {
  return problems.map((problem) => ({ path: file, message: `${file}: ${problem.field}: ${problem.message}` }));
}

function readText(file: string): { ok: true; text: string } | { ok: false; errors: ProfileLoadError[] } {
  try {
    return { ok: true, text: readFileSync(file, 'utf8') };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : `cannot be read (${firstLine(error)})`;
    return { ok: false, errors: [{ path: file, message: `${file}: (file): ${reason}; every profile folder needs ${PROFILE_FILE} and ${SKILL_FILE}` }] };
  }
}

/** Checks a profile.yaml document; `expectedId` is the folder name when loading from disk. */
export function validateProfileYaml(file: string, document: unknown, expectedId?: string):
  { ok: true; value: ProfileYaml } | { ok: false; errors: ProfileLoadError[] } {
  const parsed = profileYamlSchema.safeParse(document);
  if (!parsed.success) return { ok: false, errors: toErrors(file, zodProblems(parsed.error)) };
  const problems = policyProblems(parsed.data);
  if (expectedId !== undefined && parsed.data.id !== expectedId) {
    problems.unshift({
      field: 'id',
      message: `"${parsed.data.id}" does not match the folder name "${expectedId}"; rename the folder or change the id`,
    });
  }
  return problems.length > 0 ? { ok: false, errors: toErrors(file, problems) } : { ok: true, value: parsed.data };
}

/** Checks SKILL.md: front matter names the profile, the body is the system prompt. */
export function validateSkillFile(file: string, source: string, id: string):
  { ok: true; description: string; systemPrompt: string } | { ok: false; errors: ProfileLoadError[] } {
  const split = parseFrontMatter(source);
  if (!split.ok) return { ok: false, errors: toErrors(file, [{ field: '(front matter)', message: split.message }]) };
  const parsed = skillFrontMatterSchema.safeParse(split.data);
  if (!parsed.success) {
    const problems = zodProblems(parsed.error).map((problem) => ({ ...problem, field: `front matter ${problem.field}` }));
    return { ok: false, errors: toErrors(file, problems) };
  }
  const problems: FieldProblem[] = [];
  if (parsed.data.name !== id) {
    problems.push({ field: 'front matter name', message: `"${parsed.data.name}" differs from the profile id; set it to "${id}" so the folder is also a valid Claude Code skill` });
  }
  if (split.body === '') {
    problems.push({ field: '(body)', message: 'is empty; write the system prompt below the front matter' });
  }
  return problems.length > 0
    ? { ok: false, errors: toErrors(file, problems) }
    : { ok: true, description: parsed.data.description, systemPrompt: split.body };
}

/** Loads one profile folder; never throws, returns every problem it finds instead. */
export function loadProfileFolder(folder: string, source: ProfileSource): FolderLoadResult {
  const yamlFile = join(folder, PROFILE_FILE);
  const skillFile = join(folder, SKILL_FILE);
  const yamlText = readText(yamlFile);
  if (!yamlText.ok) return yamlText;
  let document: unknown;
  try {
    document = parseYaml(yamlText.text);
  } catch (error) {
    return { ok: false, errors: toErrors(yamlFile, [{ field: '(document)', message: `is not valid YAML (${firstLine(error)}); fix the syntax` }]) };
  }
  const checked = validateProfileYaml(yamlFile, document, basename(folder));
  if (!checked.ok) return checked;
  const skillText = readText(skillFile);
  if (!skillText.ok) return skillText;
  const skill = validateSkillFile(skillFile, skillText.text, checked.value.id);
  if (!skill.ok) return skill;
  return { ok: true, profile: { ...checked.value, systemPrompt: skill.systemPrompt, source, path: folder } };
}

/** The profile.yaml fields in a stable, readable order. */
function profileYamlDocument(profile: ProfileYaml): ProfileYaml {
  const { id, name, version, description, domainTags, supportedRuntimes, preferredRuntime, allowedTools, autoApprove, autoDeny, maxTurns, models, smokeTests } = profile;
  return { id, name, version, description, domainTags, supportedRuntimes, preferredRuntime, allowedTools, autoApprove, autoDeny, maxTurns, models, smokeTests };
}

export function renderSkillFile(id: string, description: string, systemPrompt: string): string {
  return `---\n${stringifyYaml({ name: id, description })}---\n\n${systemPrompt.trim()}\n`;
}

/** Writes a profile folder; files land via rename so a watcher never sees half a file. */
export function writeProfileFolder(folder: string, profile: ProfileYaml, systemPrompt: string): void {
  mkdirSync(folder, { recursive: true });
  const files: Array<[string, string]> = [
    [PROFILE_FILE, stringifyYaml(profileYamlDocument(profile))],
    [SKILL_FILE, renderSkillFile(profile.id, profile.description, systemPrompt)],
  ];
  for (const [name, content] of files) {
    const temporary = join(folder, `.${name}.${process.pid}.tmp`);
    writeFileSync(temporary, content, 'utf8');
    renameSync(temporary, join(folder, name));
  }
}

export function removeProfileFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
}
