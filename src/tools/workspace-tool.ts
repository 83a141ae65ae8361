import type { BuiltinToolName, ToolOutput } from '../domain/tool-call.js';
import { OutsideWorkspaceError } from './workspace-path.js';
import { ToolInputError } from './tool-input.js';

export interface ToolContext {
  /** Absolute path of the task's workspace; file tools never reach outside it. */
  workspace: string;
  /** Aborted when the execution is cancelled; long-running tools stop early. */
  signal?: AbortSignal;
}

export interface JsonSchemaProperty {
  type: 'string' | 'integer' | 'boolean';
  description: string;
  enum?: readonly string[];
  minimum?: number;
}

/** The input schema a tool advertises to the model. */
export interface JsonSchemaObject {
  type: 'object';
  properties: Record<string, JsonSchemaProperty>;
  required: string[];
  additionalProperties: false;
}

export interface WorkspaceTool {
  name: BuiltinToolName;
  /** Model-facing: what the tool does and how to call it. */
  description: string;
  inputSchema: JsonSchemaObject;
  /** Never throws: every failure becomes `{ isError: true, output }` telling the model what to fix. */
  run(input: Record<string, unknown>, ctx: ToolContext): Promise<ToolOutput>;
}

export function success(output: string): ToolOutput {
  return { output, isError: false };
}

export function failure(output: string): ToolOutput {
  return { output, isError: true };
}

type ToolBody = (input: Record<string, unknown>, ctx: ToolContext) => Promise<ToolOutput>;

/** Builds a tool whose `run` turns every thrown error into a tool error the model can act on. */
export function defineTool(definition: Omit<WorkspaceTool, 'run'> & { run: ToolBody }): WorkspaceTool {
  return {
    ...definition,
    async run(input, ctx) {
      try {
        if (ctx.signal?.aborted) return failure(`${definition.name} was cancelled before it started.`);
        return await definition.run(input ?? {}, ctx);
      } catch (error) {
        return failure(describeFailure(definition.name, error));
      }
    },
  };
}

function describeFailure(tool: BuiltinToolName, error: unknown): string {
  if (error instanceof OutsideWorkspaceError || error instanceof ToolInputError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `${tool} failed: ${message}`;
}
