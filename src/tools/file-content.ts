import { stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';

// Same heuristic as git and grep: text files do not contain NUL bytes near the start.
const BINARY_SNIFF_BYTES = 8000;

export function looksBinary(content: Buffer): boolean {
  return content.subarray(0, BINARY_SNIFF_BYTES).includes(0);
}

export async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  // A trailing newline ends the last line; it does not start an empty one.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function truncateLine(line: string, maxLength: number): string {
  return line.length > maxLength ? `${line.slice(0, maxLength)}… [line truncated]` : line;
}
