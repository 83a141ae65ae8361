import { isAbsolute, relative } from 'node:path';
import type { ToolCall, ToolOutput } from '../../domain/tool-call.js';
import type { JsonObject } from './codex-app-server.js';

/** Codex runs every command as `<shell> -lc '<command>'`; splits that back into shell words. */
function shellWords(line: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (char === "'") {
      const end = line.indexOf("'", i + 1);
      if (end === -1) return undefined;
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (char === '"') {
      let text = '';
      for (i += 1; i < line.length && line[i] !== '"'; i++) text += line[i] === '\\' && /["\\$`]/.test(line[i + 1] ?? '') ? line[++i] : line[i];
      if (i >= line.length) return undefined;
      word = (word ?? '') + text;
    } else if (char === '\\') {
      word = (word ?? '') + (line[++i] ?? '');
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + char;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** The command the model asked for, without Codex's shell wrapper, so Always Allow rules read naturally. */
export function unwrapShellCommand(command: string): string {
  const words = shellWords(command);
  if (words?.length === 3 && /(^|\/)(ba|z|da)?sh$/.test(words[0]!) && /^-l?c$/.test(words[1]!)) return words[2]!;
  return command;
}

function workspacePath(path: string, workspace: string): string {
  if (!isAbsolute(path)) return path;
  const inside = relative(workspace, path);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}

/**
 * A Codex item as the Forge tool call the permission gate judges: commands are `Bash`; patches that
 * only add files are `Write`, any other patch is `Edit`.
 */
export function toolCallOfItem(item: JsonObject, workspace: string): ToolCall | undefined {
  if (item.type === 'commandExecution') {
    return { toolUseId: item.id, tool: 'Bash', input: { command: unwrapShellCommand(String(item.command ?? '')) } };
  }
  if (item.type === 'fileChange') {
    const changes: JsonObject[] = Array.isArray(item.changes) ? item.changes : [];
    const paths = changes.map((change) => workspacePath(String(change.path), workspace));
    const onlyAdds = changes.length > 0 && changes.every((change) => change.kind?.type === 'add');
    const input: Record<string, unknown> = { file_path: paths[0] ?? '', diff: changes.map((change) => change.diff).join('\n') };
    if (paths.length > 1) input.files = paths;
    return { toolUseId: item.id, tool: onlyAdds ? 'Write' : 'Edit', input };
  }
  return undefined;
}

/** What a finished command or patch item reports back, in Forge's tool_result shape. */
export function toolOutputOfItem(item: JsonObject, streamedOutput: string): ToolOutput {
  if (item.type === 'commandExecution') {
    const output = (item.aggregatedOutput ?? streamedOutput ?? '').replace(/\n$/, '');
    const exitCode: number | null = item.exitCode ?? null;
    const failed = item.status !== 'completed' || (exitCode !== null && exitCode !== 0);
    const exitLine = exitCode === null ? (failed ? `(command ${item.status})` : '') : `(exit code ${exitCode})`;
    return { output: [output, exitLine].filter(Boolean).join('\n'), isError: failed };
  }
  const changes: JsonObject[] = Array.isArray(item.changes) ? item.changes : [];
  const applied = item.status === 'completed';
  const summary = changes.map((change) => `${change.kind?.type ?? 'change'} ${change.path}`).join('\n');
  return { output: applied ? `Applied:\n${summary}` : `The patch was not applied (${item.status}).\n${summary}`, isError: !applied };
}

/** Same tool and same input: a re-issued call after a restart. */
export function sameCall(a: Pick<ToolCall, 'tool' | 'input'>, b: Pick<ToolCall, 'tool' | 'input'>): boolean {
  return a.tool === b.tool && JSON.stringify(a.input) === JSON.stringify(b.input);
}
