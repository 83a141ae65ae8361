import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync } from 'node:fs';
import { dirname, join, relative, isAbsolute } from 'node:path';
import type { Profile } from '../domain/profile.js';
import { RUNTIME_IDS } from '../domain/runtime-id.js';
import { firstLine, parseFrontMatter } from './front-matter.js';
import { SKILL_FILE, type ProfileLoadError } from './profile-folder.js';
import { PROFILE_ID_PATTERN, skillFrontMatterSchema, zodProblems } from './profile-schema.js';

export const MAX_SKILL_FILE_BYTES = 256 * 1024;
const READ_ONLY_TOOLS = ['Read', 'Glob', 'Grep'];
const PROMOTED_MAX_TURNS = 30;
/** Plain folder names only: no hidden folders, no dot-dot, no control characters or separators. */
const SAFE_FOLDER_NAME = /^[A-Za-z0-9][A-Za-z0-9 _.-]*$/;

export interface SkillScan {
  profiles: Profile[];
  errors: ProfileLoadError[];
  /** Folders to watch so that added, edited or removed skills are noticed. */
  watchFolders: string[];
}

/** `~/.claude/skills` first, then each project's `.claude/skills`; later roots win on equal ids. */
export function skillRoots(homeDir: string, projectDirs: string[] = []): string[] {
  return [homeDir, ...projectDirs].map((dir) => join(dir, '.claude', 'skills'));
}

/** Folder name → profile id, or undefined when the name is not a plain, slug-able name. */
export function skillIdFromFolderName(name: string): string | undefined {
  if (!SAFE_FOLDER_NAME.test(name) || name.includes('..')) return undefined;
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64).replace(/-+$/, '');
  return PROFILE_ID_PATTERN.test(slug) ? slug : undefined;
}

function isInside(root: string, candidate: string): boolean {
  const path = relative(root, candidate);
  return path !== '' && !path.startsWith('..') && !isAbsolute(path);
}

/** Reads a file only if it is a regular file within the size limit; never follows a final symlink. */
function readBoundedFile(file: string): { ok: true; text: string } | { ok: false; reason: string } {
  let descriptor: number;
  try {
    descriptor = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    return { ok: false, reason: `cannot be read (${firstLine(error)})` };
  }
  try {
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) return { ok: false, reason: 'is not a regular file' };
    if (stats.size > MAX_SKILL_FILE_BYTES) {
      return { ok: false, reason: `is ${Math.ceil(stats.size / 1024)} KiB, over the ${MAX_SKILL_FILE_BYTES / 1024} KiB limit; shorten it` };
    }
    const buffer = Buffer.alloc(stats.size);
    let offset = 0;
    while (offset < stats.size) {
      const read = readSync(descriptor, buffer, offset, stats.size - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    return { ok: true, text: buffer.subarray(0, offset).toString('utf8') };
  } finally {
    closeSync(descriptor);
  }
}

/**
 * Resolves an entry of the skills folder without trusting symlinks: a link is accepted only when
 * its target stays inside the skills folder; otherwise it is reported and never read.
 */
function resolveInside(realRoot: string, path: string): { ok: true; realPath: string } | { ok: false; reason: string } {
  let realPath: string;
  try {
    if (!lstatSync(path).isSymbolicLink()) return { ok: true, realPath: path };
    realPath = realpathSync(path);
  } catch (error) {
    return { ok: false, reason: `cannot be resolved (${firstLine(error)})` };
  }
  return isInside(realRoot, realPath)
    ? { ok: true, realPath }
    : { ok: false, reason: 'is a symlink pointing outside the skills folder; not followed' };
}

type SkillResult = { ok: true; profile: Profile } | { ok: false; message: string } | { ok: 'ignored' };

function promoteSkill(realRoot: string, folderName: string): SkillResult {
  const folderPath = join(realRoot, folderName);
  const skip = (message: string): SkillResult => ({ ok: false, message: `${folderPath}: ${message}` });
  // Loose files (README.md, .DS_Store) are not skills; folders and links to folders are.
  if (lstatSync(folderPath).isFile()) return { ok: 'ignored' };
  if (folderName.startsWith('.')) return skip('(folder name): is hidden; hidden folders are not promoted');
  const id = skillIdFromFolderName(folderName);
  if (id === undefined) return skip('(folder name): is not a plain name; rename the folder to letters, digits and dashes');
  const folder = resolveInside(realRoot, folderPath);
  if (!folder.ok) return skip(`(folder): ${folder.reason}`);
  if (!lstatSync(folder.realPath).isDirectory()) return { ok: 'ignored' };
  const skillPath = join(folder.realPath, SKILL_FILE);
  if (!existsSync(skillPath) && !isSymlink(skillPath)) return skip(`${SKILL_FILE}: is missing; a skill folder needs a ${SKILL_FILE}`);
  const skillFile = resolveInside(realRoot, skillPath);
  if (!skillFile.ok) return skip(`${SKILL_FILE}: ${skillFile.reason}`);
  const read = readBoundedFile(skillFile.realPath);
  if (!read.ok) return skip(`${SKILL_FILE}: ${read.reason}`);
  const split = parseFrontMatter(read.text);
  if (!split.ok) return skip(`${SKILL_FILE}: (front matter): ${split.message}`);
  const frontMatter = skillFrontMatterSchema.safeParse(split.data);
  if (!frontMatter.success) {
    const problem = zodProblems(frontMatter.error)[0];
    return skip(`${SKILL_FILE}: front matter ${problem?.field ?? ''}: ${problem?.message ?? 'is not valid'}`);
  }
  if (split.body === '') return skip(`${SKILL_FILE}: (body): is empty; write the instructions below the front matter`);
  return {
    ok: true,
    profile: {
      id,
      name: frontMatter.data.name,
      version: '1.0.0',
      description: frontMatter.data.description,
      domainTags: [],
      supportedRuntimes: [...RUNTIME_IDS],
      preferredRuntime: 'claude-code',
      allowedTools: [],
      // Conservative: only read-only tools run unasked; a human approves everything else.
      autoApprove: [...READ_ONLY_TOOLS],
      autoDeny: [],
      maxTurns: PROMOTED_MAX_TURNS,
      models: {},
      smokeTests: [],
      systemPrompt: split.body,
      source: 'skill',
      path: folder.realPath,
    },
  };
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Promotes every valid skill under the given roots; bad ones become errors, never exceptions. */
export function scanSkills(roots: string[]): SkillScan {
  const byId = new Map<string, Profile>();
  const errors: ProfileLoadError[] = [];
  const watchFolders: string[] = [];
  for (const root of roots) {
    let realRoot: string;
    try {
      realRoot = realpathSync(root);
    } catch {
      // No skills folder yet: watch its parent so creating it is noticed.
      if (existsSync(dirname(root))) watchFolders.push(dirname(root));
      continue;
    }
    watchFolders.push(realRoot);
    const seenInRoot = new Map<string, string>();
    let names: string[];
    try {
      names = readdirSync(realRoot).sort();
    } catch (error) {
      errors.push({ path: realRoot, message: `${realRoot}: (folder): cannot be listed (${firstLine(error)})` });
      continue;
    }
    for (const name of names) {
      let result: SkillResult;
      try {
        result = promoteSkill(realRoot, name);
      } catch (error) {
        result = { ok: false, message: `${join(realRoot, name)}: (folder): cannot be read (${firstLine(error)})` };
      }
      if (result.ok === 'ignored') continue;
      if (!result.ok) {
        errors.push({ path: join(realRoot, name), message: result.message });
        continue;
      }
      const { profile } = result;
      const clash = seenInRoot.get(profile.id);
      if (clash !== undefined) {
        errors.push({ path: join(realRoot, name), message: `${join(realRoot, name)}: (folder name): becomes id "${profile.id}", already taken by "${clash}"; rename one of them` });
        continue;
      }
      seenInRoot.set(profile.id, name);
      byId.set(profile.id, profile);
      if (profile.path !== undefined && isInside(realRoot, profile.path)) watchFolders.push(profile.path);
    }
  }
  return { profiles: [...byId.values()], errors, watchFolders };
}
