import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** A tool was asked to touch a path that resolves outside the task's workspace. */
export class OutsideWorkspaceError extends Error {
  constructor(requestedPath: string, workspace: string) {
    super(`Refused: ${requestedPath} is outside the task workspace ${workspace}. Use a path inside the workspace.`);
    this.name = 'OutsideWorkspaceError';
  }
}

// Enough for any sane chain of links; more means a loop.
const MAX_SYMLINK_HOPS = 40;

/**
 * The real path `path` refers to, even when its tail does not exist yet: the deepest existing
 * ancestor is resolved with realpath, and a dangling symlink is followed to where a write would land.
 */
function realPathAllowingMissing(path: string, hops = 0): string {
  if (hops > MAX_SYMLINK_HOPS) throw new Error(`Too many levels of symbolic links at ${path}`);
  try {
    return realpathSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
  }
  const parent = dirname(path);
  if (parent === path) return path;
  const realParent = realPathAllowingMissing(parent, hops);
  const candidate = resolve(realParent, basename(path));
  const link = lstatOrUndefined(candidate);
  if (link?.isSymbolicLink()) {
    return realPathAllowingMissing(resolve(realParent, readlinkSync(candidate)), hops + 1);
  }
  return candidate;
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

export function isInside(root: string, candidate: string): boolean {
  const fromRoot = relative(root, candidate);
  return fromRoot === '' || (!fromRoot.startsWith(`..${sep}`) && fromRoot !== '..' && !isAbsolute(fromRoot));
}

/** The workspace's own real path (it must exist). */
export function realWorkspace(workspace: string): string {
  return realpathSync(workspace);
}

/**
 * Resolve `path` (relative to the workspace, or absolute) to an absolute real path inside the
 * workspace. Symlinks are resolved, so a link pointing outside cannot be used to escape.
 * @throws OutsideWorkspaceError when the path resolves outside the workspace.
 */
export function resolveInWorkspace(workspace: string, path: string): string {
  const root = realWorkspace(workspace);
  const resolved = realPathAllowingMissing(resolve(workspace, path));
  if (!isInside(root, resolved)) throw new OutsideWorkspaceError(path, workspace);
  return resolved;
}

/** How a path inside the workspace is shown to the model: relative, with forward slashes. */
export function displayPath(workspaceRoot: string, absolutePath: string): string {
  const fromRoot = relative(workspaceRoot, absolutePath);
  return fromRoot === '' ? '.' : fromRoot.split(sep).join('/');
}
