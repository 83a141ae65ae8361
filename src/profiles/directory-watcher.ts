import { watch, type FSWatcher } from 'node:fs';

export interface DirectoryWatcher {
  /** Watches exactly these folders from now on (non-recursive each). */
  setFolders(folders: string[]): void;
  close(): void;
}

/**
 * Calls `onChange` once, `debounceMs` after a burst of changes in any watched folder.
 * Watch failures (folder gone, watcher limit reached) are ignored: reload() still works.
 */
export function createDirectoryWatcher(onChange: () => void, debounceMs: number): DirectoryWatcher {
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const schedule = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
    timer.unref();
  };

  const stop = (folder: string) => {
    watchers.get(folder)?.close();
    watchers.delete(folder);
  };

  return {
    setFolders(folders) {
      if (closed) return;
      const wanted = new Set(folders);
      for (const folder of [...watchers.keys()]) if (!wanted.has(folder)) stop(folder);
      for (const folder of wanted) {
        if (watchers.has(folder)) continue;
        try {
          const watcher = watch(folder, { persistent: false }, schedule);
          watcher.on('error', () => stop(folder));
          watchers.set(folder, watcher);
        } catch {
          // Unwatchable folder: changes there need an explicit reload().
        }
      }
    },
    close() {
      closed = true;
      clearTimeout(timer);
      for (const folder of [...watchers.keys()]) stop(folder);
    },
  };
}
