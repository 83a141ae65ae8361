import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface WalkedFile {
  absolutePath: string;
  /** Relative to the walk's root, with '/' separators. */
  relativePath: string;
}

/** Folders that are noise for an agent unless it asks for them by name. */
export const NOISY_DIRECTORIES = ['node_modules', '.git'] as const;

/** The noisy folders to skip, keeping any the pattern mentions explicitly. */
export function directoriesToSkip(...patterns: (string | undefined)[]): Set<string> {
  return new Set(NOISY_DIRECTORIES.filter((name) => !patterns.some((pattern) => pattern?.includes(name))));
}

/**
 * Every regular file under `root`, depth first. Symlinks are neither followed nor listed, so a
 * link pointing outside the workspace cannot leak files into Glob or Grep results.
 */
export async function* walkFiles(
  root: string,
  skipDirectories: ReadonlySet<string>,
  signal?: AbortSignal,
): AsyncGenerator<WalkedFile> {
  const pending: string[] = [''];
  while (pending.length > 0) {
    signal?.throwIfAborted();
    const relativeDir = pending.pop()!;
    let entries;
    try {
      entries = await readdir(join(root, relativeDir), { withFileTypes: true });
    } catch {
      continue; // unreadable folder: skip it rather than fail the whole search
    }
    for (const entry of entries) {
      const relativePath = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!skipDirectories.has(entry.name)) pending.push(relativePath);
      } else if (entry.isFile()) {
        yield { absolutePath: join(root, relativePath), relativePath };
      }
    }
  }
}
