import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { defineTool, failure, success } from './workspace-tool.js';
import { requiredNonEmptyString, requiredString } from './tool-input.js';
import { resolveInWorkspace } from './workspace-path.js';
import { splitLines, statOrUndefined } from './file-content.js';

export const writeTool = defineTool({
  name: 'Write',
  description:
    'Writes a file in the workspace, replacing it if it exists and creating missing parent folders. ' +
    'file_path may be relative to the workspace or absolute. Prefer Edit for changing part of an existing file.',
  inputSchema: {
    type: 'object',
    properties: {
      file_path: { type: 'string', description: 'Path of the file to write (relative to the workspace, or absolute)' },
      content: { type: 'string', description: 'The complete new content of the file' },
    },
    required: ['file_path', 'content'],
    additionalProperties: false,
  },
  async run(input, ctx) {
    const filePath = requiredNonEmptyString(input, 'file_path');
    const content = requiredString(input, 'content');
    const absolutePath = resolveInWorkspace(ctx.workspace, filePath);

    const existing = await statOrUndefined(absolutePath);
    if (existing?.isDirectory()) return failure(`${filePath} is a directory; give the path of a file inside it.`);

    await mkdir(dirname(absolutePath), { recursive: true });
    await writeFile(absolutePath, content, 'utf8');
    const lineCount = content === '' ? 0 : splitLines(content).length;
    return success(`${existing ? 'Overwrote' : 'Created'} ${filePath} (${lineCount} line${lineCount === 1 ? '' : 's'}).`);
  },
});
