/** The built-in tools Forge executes itself for the direct runtimes; same names and inputs as Claude Code's. */
export const BUILTIN_TOOL_NAMES = ['Read', 'Write', 'Edit', 'Glob', 'Grep', 'Bash'] as const;
export type BuiltinToolName = (typeof BUILTIN_TOOL_NAMES)[number];

/** One tool call an agent asks to make, in Forge's vendor-neutral shape. */
export interface ToolCall {
  /** The runtime's id for this call (tool_use id, call_id, item id): stable across a resume. */
  toolUseId: string;
  /** Tool name, already normalised (see permissions/tool-names.ts). */
  tool: string;
  input: Record<string, unknown>;
}

export type ToolDecision =
  | { behavior: 'allow' }
  | { behavior: 'deny'; message: string };

/** Result of running a tool, fed back to the model. */
export interface ToolOutput {
  output: string;
  isError: boolean;
}
