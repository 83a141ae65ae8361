import { readFile, writeFile } from 'node:fs/promises';
import { defineTool, failure, success } from './workspace-tool.js';
import { optionalBoolean, requiredNonEmptyString, requiredString } from './tool-input.js';
import { resolveInWorkspace } from './workspace-path.js';
import { looksBinary, statOrUndefined } from './file-content.js';

function countOccurrences(text: string, search: string): number {
  return text.split(search).length - 1;
}

export const editTool = defineTool({
  name: 'Edit',
  description:
    'Replaces exact text in a workspace file. old_string must match the file exactly (including indentation) ' +
    'and occur exactly once, unless replace_all is true. Read the file first; use Write to create a new file.',
  inputSchema: {
    type: 'object',
    properties: {
      file_path: { type: 'string', description: 'Path of the file to edit (relative to the workspace, or absolute)' },
      old_string: { type: 'string', description: 'The exact text to replace' },
      new_string: { type: 'string', description: 'The text to put in its place (must differ from old_string)' },
      replace_all: { type: 'boolean', description: 'Replace every occurrence of old_string (default false)' },
    },
    required: ['file_path', 'old_string', 'new_string'],
    additionalProperties: false,
  },
  async run(input, ctx) {
    const filePath = requiredNonEmptyString(input, 'file_path');
    const oldString = requiredString(input, 'old_string');
    const newString = requiredString(input, 'new_string');
    const replaceAll = optionalBoolean(input, 'replace_all') ?? false;
    if (oldString === '') return failure('old_string must not be empty. To create a file, use Write.');
    if (oldString === newString) return failure('old_string and new_string are identical, so there is nothing to change.');

    const absolutePath = resolveInWorkspace(ctx.workspace, filePath);
    const stats = await statOrUndefined(absolutePath);
    if (!stats) return failure(`File does not exist: ${filePath}. Use Write to create it.`);
    if (stats.isDirectory()) return failure(`${filePath} is a directory, not a file.`);

    const content = await readFile(absolutePath);
    if (looksBinary(content)) return failure(`${filePath} looks like a binary file; Edit only changes text files.`);
    const text = content.toString('utf8');

    const occurrences = countOccurrences(text, oldString);
    if (occurrences === 0) {
      return failure(`old_string was not found in ${filePath}. Read the file and copy the exact text, including whitespace.`);
    }
    if (occurrences > 1 && !replaceAll) {
      return failure(
        `old_string occurs ${occurrences} times in ${filePath}. Include more surrounding text to make it unique, or set replace_all to true.`,
      );
    }
    // split/join rather than String.replace, so "$&" and friends in new_string stay literal.
    await writeFile(absolutePath, text.split(oldString).join(newString), 'utf8');
    return success(`Edited ${filePath}: replaced ${occurrences} occurrence${occurrences === 1 ? '' : 's'}.`);
  },
});
