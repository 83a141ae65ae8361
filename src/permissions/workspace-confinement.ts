import type { ToolCall } from '../domain/tool-call.js';
import { OutsideWorkspaceError, resolveInWorkspace } from '../tools/index.js';
import { normaliseToolName } from './tool-names.js';

/** The input fields that name a path, per tool (Claude Code's names; the other runtimes map onto them). */
const PATH_FIELDS: Record<string, readonly string[]> = {
  Read: ['file_path'],
  Write: ['file_path'],
  Edit: ['file_path'],
  MultiEdit: ['file_path'],
  NotebookEdit: ['notebook_path'],
  Glob: ['path'],
  Grep: ['path'],
};

/**
 * Why this call reaches outside the task's workspace, or undefined when it stays inside. Checked
 * before any policy, so no runtime's file tool — Forge's own or an agent binary's — touches a path
 * outside the workspace, and no human is asked about a call that could never be allowed.
 */
export function outsideWorkspaceReason(call: Pick<ToolCall, 'tool' | 'input'>, workspace: string): string | undefined {
  for (const field of PATH_FIELDS[normaliseToolName(call.tool)] ?? []) {
    const value = call.input[field];
    if (typeof value !== 'string' || value === '') continue;
    try {
      resolveInWorkspace(workspace, value);
    } catch (error) {
      if (error instanceof OutsideWorkspaceError) return error.message;
      return `Refused: ${value} could not be checked against the workspace (${(error as Error).message}).`;
    }
  }
  return undefined;
}
