/**
 * Counts maximal runs of model-produced items: one model response can come back as several
 * consecutive items (an assistant message split in parts, a message plus its tool calls).
 * Ignored items neither count nor break a run.
 */
export function countModelRuns(
  items: unknown,
  isModelItem: (item: any) => boolean,
  isIgnored: (item: any) => boolean = () => false,
): number {
  if (!Array.isArray(items)) return 0;
  let runs = 0;
  let insideRun = false;
  for (const item of items) {
    if (isIgnored(item)) continue;
    const isModel = isModelItem(item);
    if (isModel && !insideRun) runs += 1;
    insideRun = isModel;
  }
  return runs;
}

/** The text parts of a message's content, whether a plain string or an array of typed parts. */
export function textParts(content: unknown, textTypes: readonly string[] = ['text']): string[] {
  if (typeof content === 'string') return [content];
  if (!Array.isArray(content)) return [];
  return content
    .filter((part) => part && textTypes.includes(part.type) && typeof part.text === 'string')
    .map((part) => part.text as string);
}

/** User texts of role-based message lists (Anthropic, Chat Completions, Ollama). */
export function userTextsOfMessages(messages: unknown, textTypes?: readonly string[]): string[] {
  if (!Array.isArray(messages)) return [];
  return messages.filter((message) => message?.role === 'user').flatMap((message) => textParts(message.content, textTypes));
}
