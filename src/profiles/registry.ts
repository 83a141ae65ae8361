import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Profile, ProfileSource } from '../domain/profile.js';
import { createDirectoryWatcher, type DirectoryWatcher } from './directory-watcher.js';
import { firstLine } from './front-matter.js';
import {
  loadProfileFolder,
  PROFILE_FILE,
  removeProfileFolder,
  validateProfileYaml,
  writeProfileFolder,
  type ProfileLoadError,
} from './profile-folder.js';
import { PROFILE_ID_PATTERN } from './profile-schema.js';
import { scanSkills, skillRoots } from './skills.js';

export type { ProfileLoadError } from './profile-folder.js';

/** Absolute path of profiles/builtin in this repository. */
export const BUILTIN_PROFILES_DIR = fileURLToPath(new URL('../../profiles/builtin', import.meta.url));

const SKILL_WATCH_DEBOUNCE_MS = 150;
/** Keys a client may send back from a loaded Profile that do not belong in profile.yaml. */
const RUNTIME_ONLY_KEYS = ['systemPrompt', 'source', 'path'] as const;

/** Raised by saveUserProfile; the message lists every problem as "<file>: <field>: <problem>; <fix>". */
export class ProfileValidationError extends Error {
  override readonly name = 'ProfileValidationError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** A profile that replaces another one with the same id, so the UI can say so. */
export interface ProfileOverride {
  id: string;
  source: ProfileSource;
  path?: string;
  overrides: ProfileSource;
  overriddenPath?: string;
}

export interface ProfileRegistry {
  get(id: string): Profile | undefined;
  /** Sorted by id. */
  list(): Profile[];
  errors(): ProfileLoadError[];
  /** Which loaded profiles shadow a profile of the same id from a lower layer. */
  overrides(): ProfileOverride[];
  reload(): void;
  saveUserProfile(input: unknown): Profile;
  deleteUserProfile(id: string): boolean;
  close(): void;
}

export interface ProfileRegistryOptions {
  builtinDir: string;
  /** `<dataDir>/profiles`. */
  userDir?: string;
  /** Project roots; each may hold `.forge/profiles/<id>/`. Earlier entries win. */
  projectDirs?: string[];
  /** Opt-in promotion of Claude Code skills. */
  skills?: { enabled: boolean; homeDir: string; projectDirs?: string[] };
}

interface Snapshot {
  profiles: Map<string, Profile>;
  builtinIds: Set<string>;
  errors: ProfileLoadError[];
  overrides: ProfileOverride[];
}

/** Subfolders that may hold a profile; hidden entries are temp files or editor droppings. */
function profileFolders(parent: string, errors: ProfileLoadError[]): string[] {
  if (!existsSync(parent)) return [];
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch (error) {
    errors.push({ path: parent, message: `${parent}: (folder): cannot be listed (${firstLine(error)}); check its permissions` });
    return [];
  }
  return names
    .filter((name) => !name.startsWith('.'))
    .sort()
    .map((name) => join(parent, name))
    .filter((path) => {
      try {
        return statSync(path).isDirectory();
      } catch {
        return false;
      }
    });
}

function loadLayer(parent: string, source: ProfileSource, errors: ProfileLoadError[]): Profile[] {
  const profiles: Profile[] = [];
  for (const folder of profileFolders(parent, errors)) {
    const result = loadProfileFolder(folder, source);
    if (result.ok) profiles.push(result.profile);
    else errors.push(...result.errors);
  }
  return profiles;
}

export function createProfileRegistry(options: ProfileRegistryOptions): ProfileRegistry {
  const skillsEnabled = options.skills?.enabled === true;
  const watcher: DirectoryWatcher | undefined = skillsEnabled
    ? createDirectoryWatcher(() => reload(), SKILL_WATCH_DEBOUNCE_MS)
    : undefined;
  let snapshot: Snapshot = load();

  function load(): Snapshot {
    const errors: ProfileLoadError[] = [];
    if (!existsSync(options.builtinDir)) {
      errors.push({ path: options.builtinDir, message: `${options.builtinDir}: (folder): is missing; built-in profiles cannot load` });
    }
    const builtins = loadLayer(options.builtinDir, 'builtin', errors);
    // Lowest precedence first; each later layer replaces equal ids.
    const layers: Profile[][] = [builtins];
    if (skillsEnabled && options.skills) {
      const scan = scanSkills(skillRoots(options.skills.homeDir, options.skills.projectDirs));
      errors.push(...scan.errors);
      layers.push(scan.profiles);
      watcher?.setFolders(scan.watchFolders);
    }
    if (options.userDir !== undefined) layers.push(loadLayer(options.userDir, 'user', errors));
    for (const projectDir of [...(options.projectDirs ?? [])].reverse()) {
      layers.push(loadLayer(join(projectDir, '.forge', 'profiles'), 'project', errors));
    }
    const profiles = new Map<string, Profile>();
    const overrides = new Map<string, ProfileOverride>();
    for (const profile of layers.flat()) {
      const previous = profiles.get(profile.id);
      if (previous) {
        // Keep the lowest layer as what was overridden: that is what the user would otherwise get.
        const original = overrides.get(profile.id);
        overrides.set(profile.id, {
          id: profile.id,
          source: profile.source,
          path: profile.path,
          overrides: original?.overrides ?? previous.source,
          overriddenPath: original ? original.overriddenPath : previous.path,
        });
      }
      profiles.set(profile.id, profile);
    }
    return { profiles, builtinIds: new Set(builtins.map((profile) => profile.id)), errors, overrides: [...overrides.values()] };
  }

  function reload(): void {
    snapshot = load();
  }

  function requireUserDir(): string {
    if (options.userDir === undefined) throw new Error('No user profile folder is configured; set a data directory');
    return options.userDir;
  }

  return {
    get: (id) => snapshot.profiles.get(id),
    list: () => [...snapshot.profiles.values()].sort((a, b) => a.id.localeCompare(b.id)),
    errors: () => [...snapshot.errors],
    overrides: () => [...snapshot.overrides],
    reload,
    saveUserProfile(input) {
      const userDir = requireUserDir();
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        throw new ProfileValidationError(['profile: (document): expected a mapping of fields; send a JSON object']);
      }
      const fields: Record<string, unknown> = { ...input };
      const systemPrompt = fields.systemPrompt;
      for (const key of RUNTIME_ONLY_KEYS) delete fields[key];
      const problems: string[] = [];
      const checked = validateProfileYaml('profile', fields);
      if (!checked.ok) problems.push(...checked.errors.map((error) => error.message));
      if (typeof systemPrompt !== 'string' || systemPrompt.trim() === '') {
        problems.push('profile: systemPrompt: is missing or empty; write the instructions the agent follows');
      }
      if (checked.ok && snapshot.builtinIds.has(checked.value.id)) {
        problems.push(`profile: id: "${checked.value.id}" is a built-in profile; choose another id, e.g. "${checked.value.id}-custom"`);
      }
      if (!checked.ok || problems.length > 0) throw new ProfileValidationError(problems);
      const folder = join(userDir, checked.value.id);
      writeProfileFolder(folder, checked.value, systemPrompt as string);
      reload();
      const saved = loadProfileFolder(folder, 'user');
      if (!saved.ok) throw new ProfileValidationError(saved.errors.map((error) => error.message));
      return saved.profile;
    },
    deleteUserProfile(id) {
      if (options.userDir === undefined || !PROFILE_ID_PATTERN.test(id)) return false;
      const folder = join(options.userDir, id);
      if (!existsSync(join(folder, PROFILE_FILE))) return false;
      removeProfileFolder(folder);
      reload();
      return true;
    },
    close() {
      watcher?.close();
    },
  };
}
