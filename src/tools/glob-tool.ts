import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { defineTool, failure, success } from './workspace-tool.js';
import { optionalString, requiredNonEmptyString, ToolInputError } from './tool-input.js';
import { displayPath, isInside, realWorkspace, resolveInWorkspace } from './workspace-path.js';
import { globToRegExp } from './glob-pattern.js';
import { directoriesToSkip, walkFiles } from './walk-files.js';
import { statOrUndefined } from './file-content.js';

const MAX_RESULTS = 100;

/** Patterns are relative to the search folder; an absolute one inside it is accepted and made relative. */
function relativePattern(pattern: string, searchRoot: string, requestedRoot: string): string {
  if (!isAbsolute(pattern)) return pattern.replace(/^(\.\/)+/, '');
  for (const root of [searchRoot, requestedRoot]) {
    if (isInside(root, pattern) && pattern !== root) return relative(root, pattern).split(sep).join('/');
  }
  throw new ToolInputError(`pattern ${pattern} is not inside the search folder. Give a relative pattern and put the folder in path.`);
}

export const globTool = defineTool({
  name: 'Glob',
  description:
    'Finds files by name pattern, e.g. "**/*.ts" or "src/**/*.{js,jsx}". Returns workspace-relative paths, ' +
    `most recently modified first (at most ${MAX_RESULTS}). node_modules and .git are skipped unless the pattern names them.`,
  inputSchema: {
    type: 'object',
    properties: {
      pattern: { type: 'string', description: 'Glob pattern, relative to path' },
      path: { type: 'string', description: 'Folder to search in (default: the workspace root)' },
    },
    required: ['pattern'],
    additionalProperties: false,
  },
  async run(input, ctx) {
    const requestedPattern = requiredNonEmptyString(input, 'pattern');
    const path = optionalString(input, 'path') || '.';
    const workspaceRoot = realWorkspace(ctx.workspace);
    const searchRoot = resolveInWorkspace(ctx.workspace, path);
    const rootStats = await statOrUndefined(searchRoot);
    if (!rootStats) return failure(`Folder does not exist: ${path}.`);
    if (!rootStats.isDirectory()) return failure(`${path} is a file, not a folder. Give a folder as path.`);

    const pattern = relativePattern(requestedPattern, searchRoot, resolve(ctx.workspace, path));
    const matcher = globToRegExp(pattern);
    const matches: { path: string; modifiedMs: number }[] = [];
    for await (const file of walkFiles(searchRoot, directoriesToSkip(pattern), ctx.signal)) {
      if (!matcher.test(file.relativePath)) continue;
      const { mtimeMs } = await stat(file.absolutePath);
      matches.push({ path: displayPath(workspaceRoot, file.absolutePath), modifiedMs: mtimeMs });
    }
    if (matches.length === 0) return success(`No files found matching ${requestedPattern}.`);

    matches.sort((a, b) => b.modifiedMs - a.modifiedMs || a.path.localeCompare(b.path));
    const listed = matches.slice(0, MAX_RESULTS).map((match) => match.path);
    if (matches.length > MAX_RESULTS) {
      listed.push(`[Showing ${MAX_RESULTS} of ${matches.length} files. Use a narrower pattern or path.]`);
    }
    return success(listed.join('\n'));
  },
});
