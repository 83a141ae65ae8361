import { readFile } from 'node:fs/promises';
import { defineTool, failure, success } from './workspace-tool.js';
import { optionalInteger, requiredNonEmptyString } from './tool-input.js';
import { resolveInWorkspace } from './workspace-path.js';
import { looksBinary, splitLines, statOrUndefined, truncateLine } from './file-content.js';

const DEFAULT_LINE_LIMIT = 2000;
const MAX_LINE_LENGTH = 2000;
const MAX_FILE_BYTES = 20 * 1024 * 1024;

export const readTool = defineTool({
  name: 'Read',
  description:
    'Reads a text file from the workspace. file_path may be relative to the workspace or absolute. ' +
    `Returns up to ${DEFAULT_LINE_LIMIT} lines numbered like \`cat -n\`; use offset (first line, 1-based) and limit for long files. ` +
    `Lines longer than ${MAX_LINE_LENGTH} characters are truncated. Binary files are refused.`,
  inputSchema: {
    type: 'object',
    properties: {
      file_path: { type: 'string', description: 'Path of the file to read (relative to the workspace, or absolute)' },
      offset: { type: 'integer', minimum: 1, description: 'Line number to start reading from (1-based)' },
      limit: { type: 'integer', minimum: 1, description: 'Number of lines to read' },
    },
    required: ['file_path'],
    additionalProperties: false,
  },
  async run(input, ctx) {
    const filePath = requiredNonEmptyString(input, 'file_path');
    const offset = optionalInteger(input, 'offset', 1) ?? 1;
    const limit = optionalInteger(input, 'limit', 1) ?? DEFAULT_LINE_LIMIT;
    const absolutePath = resolveInWorkspace(ctx.workspace, filePath);

    const stats = await statOrUndefined(absolutePath);
    if (!stats) return failure(`File does not exist: ${filePath}. Use Glob to find the right path.`);
    if (stats.isDirectory()) return failure(`${filePath} is a directory, not a file. Use Glob to list its files.`);
    if (stats.size > MAX_FILE_BYTES) {
      return failure(`${filePath} is too large to read (${stats.size} bytes). Use Grep to find the part you need.`);
    }

    const content = await readFile(absolutePath);
    if (looksBinary(content)) {
      return failure(`${filePath} looks like a binary file (${stats.size} bytes); Read only shows text files.`);
    }
    const text = content.toString('utf8');
    if (text === '') return success(`${filePath} is empty.`);

    const lines = splitLines(text);
    if (offset > lines.length) {
      return failure(`offset ${offset} is past the end of ${filePath}, which has ${lines.length} lines.`);
    }
    const shown = lines.slice(offset - 1, offset - 1 + limit);
    const numbered = shown.map((line, index) => `${String(offset + index).padStart(6)}\t${truncateLine(line, MAX_LINE_LENGTH)}`);
    const lastShown = offset + shown.length - 1;
    if (lastShown < lines.length) {
      numbered.push(`\n[Showing lines ${offset}-${lastShown} of ${lines.length}. Use offset and limit to read more.]`);
    }
    return success(numbered.join('\n'));
  },
});
