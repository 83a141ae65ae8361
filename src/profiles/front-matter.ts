import { parse as parseYaml } from 'yaml';

export type FrontMatterResult =
  | { ok: true; data: unknown; body: string }
  | { ok: false; message: string };

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^---[ \t]*$/m;

/** Splits a Markdown file into its YAML front matter and its body. */
export function parseFrontMatter(source: string): FrontMatterResult {
  const opening = OPENING.exec(source);
  if (!opening) return { ok: false, message: 'has no front matter; start the file with a "---" line, then name: and description:, then "---"' };
  const rest = source.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) return { ok: false, message: 'front matter is not closed; add a "---" line after it' };
  let data: unknown;
  try {
    data = parseYaml(rest.slice(0, closing.index));
  } catch (error) {
    return { ok: false, message: `front matter is not valid YAML (${firstLine(error)}); fix the YAML between the --- lines` };
  }
  const body = rest.slice(closing.index + closing[0].length).replace(/^\r?\n/, '');
  return { ok: true, data: data ?? {}, body: body.trim() };
}

export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
