import { BUILTIN_TOOL_NAMES, type BuiltinToolName } from '../domain/tool-call.js';
import type { WorkspaceTool } from './workspace-tool.js';
import { readTool } from './read-tool.js';
import { writeTool } from './write-tool.js';
import { editTool } from './edit-tool.js';
import { globTool } from './glob-tool.js';
import { grepTool } from './grep-tool.js';
import { bashTool } from './bash-tool.js';

export type { ToolContext, WorkspaceTool, JsonSchemaObject, JsonSchemaProperty } from './workspace-tool.js';
export { OutsideWorkspaceError, resolveInWorkspace } from './workspace-path.js';

/** The tools Forge runs itself for runtimes that have none (anthropic, openai, ollama). */
export const WORKSPACE_TOOLS: Record<BuiltinToolName, WorkspaceTool> = {
  Read: readTool,
  Write: writeTool,
  Edit: editTool,
  Glob: globTool,
  Grep: grepTool,
  Bash: bashTool,
};

/**
 * The tools a profile may be offered, given its allowedTools (empty = all). An entry names a tool
 * either bare ("Bash") or as a rule with an argument pattern ("Bash(git:*)"); other entries are ignored.
 */
export function workspaceToolsFor(allowed: readonly string[]): WorkspaceTool[] {
  if (allowed.length === 0) return BUILTIN_TOOL_NAMES.map((name) => WORKSPACE_TOOLS[name]);
  const allowedNames = new Set(allowed.map((entry) => entry.trim().replace(/\(.*\)$/s, '')));
  return BUILTIN_TOOL_NAMES.filter((name) => allowedNames.has(name)).map((name) => WORKSPACE_TOOLS[name]);
}
