import { lstat, mkdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { ContextDocument, TaskDocuments } from '../documents/document.js';
import { workspaceFileName } from '../documents/safe-file-name.js';
import { WORKSPACE_DOCUMENTS_FOLDER, taskOutputFolder } from '../documents/workspace-paths.js';
import type { Profile } from '../domain/profile.js';
import type { Project, Task } from '../domain/task.js';

/** A document longer than its share of the budget is cut to at most this many characters. */
export const EXCERPT_CHARS = 4_000;
/** With less room than this, an excerpt says too little: the document is only pointed to. */
export const MIN_EXCERPT_CHARS = 500;

export interface ContextInput {
  task: Task;
  project: Project | undefined;
  profile: Profile;
  workspace: string;
  documents: TaskDocuments;
  /** Characters of document text the prompt may carry in total (FORGE_CONTEXT_BUDGET_CHARS). */
  documentBudgetChars: number;
}

export interface AssembledContext {
  systemPrompt: string;
  prompt: string;
  /** One line for the log: what went in whole, what was cut, what was left out, and why. */
  summary: string;
}

export type DocumentPlacement = { mode: 'inline' } | { mode: 'excerpt'; chars: number } | { mode: 'skip' };

/**
 * Assembles what every runtime receives, in one place: the profile's prompt, the project and the
 * output folder for the system prompt; the task and its documents for the user prompt. Documents that
 * do not fit whole are excerpted, and their full text is copied into the workspace for the agent.
 */
export async function assembleContext(input: ContextInput): Promise<AssembledContext> {
  const { task, project, profile, workspace, documents, documentBudgetChars } = input;
  const outputFolder = taskOutputFolder(task.id);
  // Made ahead so agents can write straight into it; if the workspace refuses, they can still try.
  await mkdir(join(workspace, outputFolder), { recursive: true }).catch(() => undefined);

  const workspaceLines = [
    '## Workspace',
    project ? `Project: ${project.name}` : 'Project: none (a private workspace for this task)',
    `Working directory: ${workspace}`,
    'Use paths inside the working directory; anything outside it is refused.',
    `Output folder: ${outputFolder}/ (inside the working directory). Save files meant for the user there (reports, exports, data); they are handed to the user when the run ends.`,
  ];
  const systemPrompt = [profile.systemPrompt.trim(), workspaceLines.join('\n')].filter(Boolean).join('\n\n');

  const placements = planDocumentPlacement(
    documents.ready.map((d) => d.text.length),
    documentBudgetChars,
  );
  const sections: string[] = [];
  const report = { inlined: [] as ContextDocument[], excerpted: [] as string[], skipped: [] as string[] };
  for (const [index, document] of documents.ready.entries()) {
    const placement = placements[index]!;
    if (placement.mode === 'inline') {
      sections.push(documentBlock(document, document.text));
      report.inlined.push(document);
      continue;
    }
    const copy = await writeWorkspaceCopy(workspace, document);
    const where = 'path' in copy ? `full text at ${copy.path}` : `no full-text copy: ${copy.error}`;
    const total = document.text.length;
    if (placement.mode === 'excerpt') {
      const excerpt = cutAtWordBoundary(document.text, placement.chars);
      const note = `first ${formatCount(excerpt.length)} of ${formatCount(total)} characters`;
      const pointer = 'path' in copy ? ` The whole text is in ${copy.path} in the working directory; read it there when you need more.` : '';
      sections.push(`${documentBlock(document, excerpt, note)}\n(Excerpt: ${note}.${pointer})`);
      report.excerpted.push(`${document.name}: ${formatCount(excerpt.length)} of ${formatCount(total)} chars, ${where}`);
    } else {
      const pointer = 'path' in copy ? `read it in ${copy.path}` : 'not available to read';
      sections.push(`Document "${document.name}" (${formatCount(total)} characters) did not fit in this message; ${pointer}.`);
      report.skipped.push(`${document.name}: ${where}`);
    }
  }

  const taskText = task.description.trim() ? `${task.title}\n\n${task.description.trim()}` : task.title;
  const prompt =
    sections.length === 0
      ? taskText
      : [taskText, `## Documents\nThese documents come with the task.`, ...sections].join('\n\n');
  return { systemPrompt, prompt, summary: summarise(report, documents.failed, documentBudgetChars) };
}

/**
 * Decides, within a total budget, which documents go in whole. Smallest first: a document is inlined
 * when it fits in what is left after keeping room for an excerpt of every larger one; otherwise it
 * gets an excerpt of what room is left (at most EXCERPT_CHARS), or is skipped when that is too little.
 */
export function planDocumentPlacement(lengths: number[], budgetChars: number): DocumentPlacement[] {
  const placements: DocumentPlacement[] = lengths.map(() => ({ mode: 'skip' }));
  const smallestFirst = lengths.map((length, index) => ({ length, index })).sort((a, b) => a.length - b.length);
  let remaining = budgetChars;
  for (const [position, { length, index }] of smallestFirst.entries()) {
    const reserve = smallestFirst.slice(position + 1).reduce((sum, later) => sum + Math.min(later.length, EXCERPT_CHARS), 0);
    if (length <= remaining - reserve || length <= Math.min(EXCERPT_CHARS, remaining)) {
      placements[index] = { mode: 'inline' };
      remaining -= length;
      continue;
    }
    const chars = Math.min(EXCERPT_CHARS, remaining);
    if (chars >= MIN_EXCERPT_CHARS) {
      placements[index] = { mode: 'excerpt', chars };
      remaining -= chars;
    }
  }
  return placements;
}

function documentBlock(document: ContextDocument, text: string, excerptNote?: string): string {
  const excerpt = excerptNote ? ` excerpt="${excerptNote}"` : '';
  return `<document name="${escapeAttribute(document.name)}"${excerpt}>\n${text}\n</document>`;
}

/** Cuts before `chars`, at the last line break or space near the end so no word is split. */
function cutAtWordBoundary(text: string, chars: number): string {
  if (text.length <= chars) return text;
  const head = text.slice(0, chars);
  const boundary = Math.max(head.lastIndexOf('\n'), head.lastIndexOf(' '));
  return boundary > chars * 0.8 ? head.slice(0, boundary) : head;
}

/**
 * Copies a document's text to .forge/documents/<name>.txt in the workspace. A file there with other
 * content (another document of the same name) is left alone and the copy gets the document id.
 * Never throws: a workspace that refuses the copy costs the agent the full text, not the run.
 */
async function writeWorkspaceCopy(workspace: string, document: ContextDocument): Promise<{ path: string } | { error: string }> {
  try {
    const folder = join(workspace, WORKSPACE_DOCUMENTS_FOLDER);
    await mkdir(folder, { recursive: true });
    if (!(await realpath(folder)).startsWith((await realpath(workspace)) + sep)) {
      return { error: `${WORKSPACE_DOCUMENTS_FOLDER} leads outside the working directory` };
    }
    const base = workspaceFileName(document.name);
    const ownName = `${base}.${document.id.slice(0, 8)}.txt`;
    for (const name of [`${base}.txt`, ownName]) {
      const existing = await regularFileText(join(folder, name));
      if (existing === document.text || existing === undefined) {
        if (existing === undefined) await writeFile(join(folder, name), document.text, { flag: 'wx' });
        return { path: `${WORKSPACE_DOCUMENTS_FOLDER}/${name}` };
      }
    }
    // The id-suffixed name belongs to this document: whatever sits there is replaced.
    await rm(join(folder, ownName), { force: true });
    await writeFile(join(folder, ownName), document.text, { flag: 'wx' });
    return { path: `${WORKSPACE_DOCUMENTS_FOLDER}/${ownName}` };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** The text of a regular file, undefined when nothing is there, null for anything else (e.g. a link). */
async function regularFileText(path: string): Promise<string | null | undefined> {
  try {
    return (await lstat(path)).isFile() ? await readFile(path, 'utf8') : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function summarise(
  report: { inlined: ContextDocument[]; excerpted: string[]; skipped: string[] },
  failed: TaskDocuments['failed'],
  budgetChars: number,
): string {
  const inlinedBytes = report.inlined.reduce((sum, d) => sum + Buffer.byteLength(d.text), 0);
  const parts = [
    `${plural(report.inlined.length, 'document')} inlined (${(inlinedBytes / 1000).toFixed(1)} kB)`,
    `${report.excerpted.length} excerpted${detail(report.excerpted)}`,
    `${report.skipped.length} skipped${detail(report.skipped)}`,
  ];
  if (failed.length > 0) parts.push(`${failed.length} unreadable${detail(failed.map((f) => `${f.name}: ${f.reason}`))}`);
  return `Context: ${parts.join(', ')}; document budget ${formatCount(budgetChars)} chars.`;
}

function detail(items: string[]): string {
  return items.length > 0 ? ` (${items.join('; ')})` : '';
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** 250000 → "250 000", as in the log line people read. */
function formatCount(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
