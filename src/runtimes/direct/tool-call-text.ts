import type { ToolOutput } from '../../domain/tool-call.js';

/**
 * Tool arguments that arrive as JSON text (OpenAI; sometimes Ollama). Text that is not a JSON object
 * becomes an empty input, so the tool's own validation tells the model which fields it must send.
 */
export function parseToolArguments(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text || '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A tool result for wire formats without an error flag (OpenAI, Ollama): the model still learns it failed. */
export function toolResultText(output: ToolOutput): string {
  return output.isError ? `Error: ${output.output}` : output.output;
}
