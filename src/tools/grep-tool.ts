import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { defineTool, failure, success } from './workspace-tool.js';
import { optionalBoolean, optionalChoice, optionalInteger, optionalString, requiredNonEmptyString } from './tool-input.js';
import { displayPath, realWorkspace, resolveInWorkspace } from './workspace-path.js';
import { globToRegExp } from './glob-pattern.js';
import { directoriesToSkip, walkFiles, type WalkedFile } from './walk-files.js';
import { looksBinary, splitLines, statOrUndefined, truncateLine } from './file-content.js';
import { BoundedOutput } from './bounded-output.js';

const OUTPUT_MODES = ['files_with_matches', 'content', 'count'] as const;
const MAX_SEARCHED_FILE_BYTES = 5 * 1024 * 1024;
const MAX_MATCH_LINE_LENGTH = 500;

interface FileMatches {
  path: string;
  modifiedMs: number;
  lines: { number: number; text: string }[];
}

function compilePattern(pattern: string, ignoreCase: boolean): RegExp | string {
  try {
    return new RegExp(pattern, ignoreCase ? 'i' : '');
  } catch (error) {
    // The engine's message already names the pattern, e.g. "Invalid regular expression: /(/: Unterminated group".
    return (
      `${(error as Error).message}. ` +
      'Grep uses JavaScript RegExp syntax; escape literal characters such as ( [ { . * + ? with a backslash.'
    );
  }
}

/** Like ripgrep's --glob: a pattern without '/' matches the file name at any depth. */
function fileFilter(glob: string | undefined): (file: WalkedFile) => boolean {
  if (!glob) return () => true;
  const matcher = globToRegExp(glob.replace(/^(\.\/)+/, ''));
  return glob.includes('/')
    ? (file) => matcher.test(file.relativePath)
    : (file) => matcher.test(basename(file.relativePath));
}

async function* filesToSearch(root: string, isDirectory: boolean, glob: string | undefined, signal?: AbortSignal) {
  if (!isDirectory) {
    yield { absolutePath: root, relativePath: basename(root) };
    return;
  }
  const accepts = fileFilter(glob);
  for await (const file of walkFiles(root, directoriesToSkip(glob), signal)) {
    if (accepts(file)) yield file;
  }
}

/** Matching lines of one file, or undefined for files Grep skips (binary, huge, unreadable). */
async function searchFile(absolutePath: string, regexp: RegExp) {
  const stats = await stat(absolutePath);
  if (stats.size > MAX_SEARCHED_FILE_BYTES) return undefined;
  const content = await readFile(absolutePath);
  if (looksBinary(content)) return undefined;
  const lines: FileMatches['lines'] = [];
  splitLines(content.toString('utf8')).forEach((text, index) => {
    if (regexp.test(text)) lines.push({ number: index + 1, text });
  });
  return { modifiedMs: stats.mtimeMs, lines };
}

function formatResults(matches: FileMatches[], mode: (typeof OUTPUT_MODES)[number], lineNumbers: boolean): string[] {
  switch (mode) {
    case 'files_with_matches':
      return [...matches].sort((a, b) => b.modifiedMs - a.modifiedMs || a.path.localeCompare(b.path)).map((file) => file.path);
    case 'count':
      return matches.map((file) => `${file.path}:${file.lines.length}`);
    case 'content':
      return matches.flatMap((file) =>
        file.lines.map((line) => {
          const text = truncateLine(line.text, MAX_MATCH_LINE_LENGTH);
          return lineNumbers ? `${file.path}:${line.number}:${text}` : `${file.path}:${text}`;
        }),
      );
  }
}

export const grepTool = defineTool({
  name: 'Grep',
  description:
    'Searches file contents with a JavaScript regular expression. output_mode "files_with_matches" (default) lists matching files ' +
    'newest first, "content" shows matching lines as path:line:text, "count" shows matches per file. Filter files with glob ' +
    '(e.g. "*.ts", "src/**/*.{js,jsx}"). Binary files, files over 5 MB, node_modules and .git are skipped.',
  inputSchema: {
    type: 'object',
    properties: {
      pattern: { type: 'string', description: 'JavaScript regular expression to search for' },
      path: { type: 'string', description: 'File or folder to search (default: the workspace root)' },
      glob: { type: 'string', description: 'Only search files matching this glob; without "/" it matches file names at any depth' },
      output_mode: { type: 'string', enum: OUTPUT_MODES, description: 'What to return (default files_with_matches)' },
      '-i': { type: 'boolean', description: 'Case-insensitive search' },
      '-n': { type: 'boolean', description: 'Show line numbers in content mode (default true)' },
      head_limit: { type: 'integer', minimum: 1, description: 'Return only the first N result lines' },
    },
    required: ['pattern'],
    additionalProperties: false,
  },
  async run(input, ctx) {
    const pattern = requiredNonEmptyString(input, 'pattern');
    const path = optionalString(input, 'path') || '.';
    const glob = optionalString(input, 'glob') || undefined;
    const mode = optionalChoice(input, 'output_mode', OUTPUT_MODES) ?? 'files_with_matches';
    const ignoreCase = optionalBoolean(input, '-i') ?? false;
    const lineNumbers = optionalBoolean(input, '-n') ?? true;
    const headLimit = optionalInteger(input, 'head_limit', 1);

    const regexp = compilePattern(pattern, ignoreCase);
    if (typeof regexp === 'string') return failure(regexp);
    const workspaceRoot = realWorkspace(ctx.workspace);
    const searchRoot = resolveInWorkspace(ctx.workspace, path);
    const rootStats = await statOrUndefined(searchRoot);
    if (!rootStats) return failure(`Path does not exist: ${path}.`);

    const matches: FileMatches[] = [];
    for await (const file of filesToSearch(searchRoot, rootStats.isDirectory(), glob, ctx.signal)) {
      const found = await searchFile(file.absolutePath, regexp).catch(() => undefined);
      if (found && found.lines.length > 0) {
        matches.push({ path: displayPath(workspaceRoot, file.absolutePath), ...found });
      }
    }
    if (matches.length === 0) return success(`No matches found for ${JSON.stringify(pattern)}.`);

    const results = formatResults(matches, mode, lineNumbers);
    const shown = headLimit === undefined ? results : results.slice(0, headLimit);
    const output = new BoundedOutput();
    output.append(shown.join('\n'));
    if (shown.length < results.length) {
      output.append(`\n[Showing ${shown.length} of ${results.length} results; raise head_limit to see more.]`);
    }
    return success(output.toString());
  },
});
