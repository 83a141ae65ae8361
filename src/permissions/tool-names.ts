import { BUILTIN_TOOL_NAMES } from '../domain/tool-call.js';

const CANONICAL = new Map<string, string>(
  [...BUILTIN_TOOL_NAMES, 'WebFetch', 'WebSearch', 'NotebookEdit', 'Task', 'Agent', 'TodoWrite'].map((name) => [
    name.toLowerCase(),
    name,
  ]),
);

/**
 * The one place tool names are normalised: whitespace trimmed and the well-known tools spelled
 * canonically ("bash" → "Bash"). Everything else (MCP tools, vendor tools) must match exactly.
 */
export function normaliseToolName(name: string): string {
  const trimmed = name.trim();
  return CANONICAL.get(trimmed.toLowerCase()) ?? trimmed;
}

export function toolListIncludes(list: readonly string[], tool: string): boolean {
  const wanted = normaliseToolName(tool);
  return list.some((entry) => normaliseToolName(entry) === wanted);
}
