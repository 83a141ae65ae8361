import { mkdtemp, mkdir, realpath, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A fresh, empty temp folder per test; `outside` is a sibling folder that is not part of it. */
export interface TestWorkspace {
  root: string;
  outside: string;
  /** Writes a file relative to the workspace, optionally with a modification time (seconds since epoch). */
  put(relativePath: string, content: string | Buffer, modifiedSeconds?: number): Promise<string>;
  dispose(): Promise<void>;
}

export async function createWorkspace(): Promise<TestWorkspace> {
  const base = await realpath(await mkdtemp(join(tmpdir(), 'forge-tools-')));
  const root = join(base, 'workspace');
  const outside = join(base, 'outside');
  await mkdir(root);
  await mkdir(outside);
  return {
    root,
    outside,
    async put(relativePath, content, modifiedSeconds) {
      const path = join(root, relativePath);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
      if (modifiedSeconds !== undefined) await utimes(path, modifiedSeconds, modifiedSeconds);
      return path;
    },
    dispose: () => rm(base, { recursive: true, force: true }),
  };
}
