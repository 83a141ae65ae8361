import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { NotFoundError, PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../domain/errors.js';
import type { Db } from '../store/database.js';
import {
  deleteDocument,
  documentText,
  findDocument,
  findOutputDocumentByName,
  inputDocumentsForTask,
  insertDocument,
  listDocuments,
  listPendingDocuments,
  markDocumentFailed,
  markDocumentReady,
} from '../store/documents.js';
import { findProject } from '../store/projects.js';
import { findTask } from '../store/tasks.js';
import { walkFiles } from '../tools/walk-files.js';
import type { DocumentKind, DocumentOwner, DocumentRole, ForgeDocument, TaskDocuments } from './document.js';
import { SUPPORTED_TYPES_DESCRIPTION, detectKind, mediaTypeOf } from './document-types.js';
import { ExtractionError, extractText } from './extract-text.js';
import { displayNameFromUpload } from './safe-file-name.js';
import { taskOutputFolder } from './workspace-paths.js';

/** More than this in one output folder is a runaway agent, not a deliverable. */
const MAX_OUTPUT_FILES = 100;

/** A file as a multipart form hands it over (a web `File`). */
export interface UploadedFile {
  name: string;
  /** The media type the uploader declared; may be empty. */
  type: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface OutputRegistration {
  registered: ForgeDocument[];
  /** Files left out, each with the reason. */
  skipped: string[];
}

/**
 * Documents of projects and tasks: their bytes under <dataDir>/documents/<id> (never under a name the
 * uploader chose), their metadata and extracted text in the store, extraction in the background.
 */
export class DocumentLibrary {
  private readonly contentDir: string;
  private readonly extractions = new Map<string, Promise<void>>();

  constructor(
    private readonly db: Db,
    options: { dataDir: string; maxUploadBytes: number },
  ) {
    this.contentDir = join(options.dataDir, 'documents');
    this.maxUploadBytes = options.maxUploadBytes;
    mkdirSync(this.contentDir, { recursive: true });
  }

  readonly maxUploadBytes: number;

  /** Checks every file first, so a bad one in a batch stores none; answers with the pending documents. */
  async addUploads(owner: DocumentOwner, files: UploadedFile[]): Promise<ForgeDocument[]> {
    await this.requireOwner(owner);
    if (files.length === 0) {
      throw new ValidationError('No file: send multipart/form-data with one or more files in the field "file".');
    }
    const accepted = files.map((file) => {
      const name = displayNameFromUpload(file.name);
      const kind = detectKind(name, file.type);
      if (!kind) {
        throw new UnsupportedMediaTypeError(
          `"${name}" (${file.type || 'no type given'}) is not a supported document type; supported: ${SUPPORTED_TYPES_DESCRIPTION}.`,
        );
      }
      if (file.size > this.maxUploadBytes) {
        throw new PayloadTooLargeError(
          `"${name}" is ${file.size} bytes; documents may be at most ${this.maxUploadBytes} bytes (FORGE_MAX_UPLOAD_BYTES).`,
        );
      }
      return { file, name, kind };
    });
    const stored: ForgeDocument[] = [];
    for (const { file, name, kind } of accepted) {
      const bytes = Buffer.from(await file.arrayBuffer());
      stored.push(await this.store({ owner, role: 'input', name, kind, bytes }));
    }
    return stored;
  }

  async list(owner: DocumentOwner, role?: DocumentRole): Promise<ForgeDocument[]> {
    await this.requireOwner(owner);
    return listDocuments(this.db, owner, role);
  }

  async get(id: string): Promise<ForgeDocument> {
    const document = await findDocument(this.db, id);
    if (!document) throw new NotFoundError(`No document with id "${id}".`);
    return document;
  }

  async text(id: string): Promise<string> {
    const document = await this.get(id);
    const text = await documentText(this.db, id);
    if (text === undefined) {
      const why = document.status === 'failed' ? `its text could not be extracted: ${document.error}` : 'its text is not extracted yet';
      throw new NotFoundError(`Document "${document.name}" has no text: ${why}.`);
    }
    return text;
  }

  /** Where the document's bytes are; the id is a UUID we made, so this never leaves contentDir. */
  contentPath(id: string): string {
    return join(this.contentDir, id);
  }

  async remove(id: string): Promise<void> {
    if (!(await deleteDocument(this.db, id))) throw new NotFoundError(`No document with id "${id}".`);
    await rm(this.contentPath(id), { force: true });
  }

  /**
   * The documents a run of this task sees. Extraction still under way is waited for (or done here,
   * e.g. after a restart), so a task started right after an upload still gets the text.
   */
  async documentsForRun(task: { id: string; projectId: string | null }): Promise<TaskDocuments> {
    let documents = await inputDocumentsForTask(this.db, task);
    const pending = documents.filter((d) => d.status === 'pending' && d.kind);
    if (pending.length > 0) {
      await Promise.all(pending.map((d) => this.extractInBackground(d.id, d.kind!)));
      documents = await inputDocumentsForTask(this.db, task);
    }
    return {
      ready: documents.flatMap((d) => (d.status === 'ready' && d.text !== null ? [{ id: d.id, name: d.name, text: d.text }] : [])),
      failed: documents.flatMap((d) => (d.status === 'failed' ? [{ name: d.name, reason: d.error ?? 'unknown reason' }] : [])),
    };
  }

  /**
   * Registers what the agent left in the task's output folder as output documents. A file already
   * registered under the same name is kept if unchanged and replaced if it changed.
   */
  async registerOutputs(taskId: string, workspace: string): Promise<OutputRegistration> {
    const result: OutputRegistration = { registered: [], skipped: [] };
    const folder = await this.outputFolderInside(workspace, taskId);
    if (!folder) return result;
    let count = 0;
    for await (const file of walkFiles(folder, new Set())) {
      if (++count > MAX_OUTPUT_FILES) {
        result.skipped.push(`${file.relativePath} and any further files (at most ${MAX_OUTPUT_FILES} outputs per task)`);
        break;
      }
      try {
        // Agents name files too: each path segment gets the same cleaning as an uploaded name.
        const name = file.relativePath.split('/').map(displayNameFromUpload).join('/');
        const registered = await this.registerOutput(taskId, name, file.absolutePath);
        if (registered) result.registered.push(registered);
      } catch (error) {
        result.skipped.push(`${file.relativePath} (${(error as Error).message})`);
      }
    }
    return result;
  }

  private async registerOutput(taskId: string, name: string, path: string): Promise<ForgeDocument | undefined> {
    const { size } = await stat(path);
    if (size > this.maxUploadBytes) throw new Error(`${size} bytes, more than the ${this.maxUploadBytes} allowed`);
    const bytes = await readFile(path);
    const existing = await findOutputDocumentByName(this.db, taskId, name);
    if (existing?.sha256 === sha256(bytes)) return undefined;
    if (existing) await this.remove(existing.id);
    const kind = detectKind(name) ?? null;
    return this.store({ owner: { scope: 'task', taskId }, role: 'output', name, kind, bytes });
  }

  /** Restarts extractions a previous process left unfinished. */
  async resumePending(): Promise<void> {
    for (const document of await listPendingDocuments(this.db)) {
      if (document.kind) void this.extractInBackground(document.id, document.kind);
    }
  }

  /** Lets running extractions finish, so none writes to a closed store. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.extractions.values()]);
  }

  private async store(input: {
    owner: DocumentOwner;
    role: DocumentRole;
    name: string;
    kind: DocumentKind | null;
    bytes: Buffer;
  }): Promise<ForgeDocument> {
    const id = randomUUID();
    const path = this.contentPath(id);
    await writeFile(`${path}.partial`, input.bytes);
    await rename(`${path}.partial`, path);
    let document: ForgeDocument;
    try {
      document = await insertDocument(this.db, {
        id,
        owner: input.owner,
        role: input.role,
        name: input.name,
        mediaType: mediaTypeOf(input.kind),
        kind: input.kind,
        sizeBytes: input.bytes.length,
        sha256: sha256(input.bytes),
        status: input.kind ? 'pending' : 'ready',
      });
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    if (input.kind) void this.extractInBackground(id, input.kind);
    return document;
  }

  /** One extraction per document at a time; the promise never rejects. */
  private extractInBackground(id: string, kind: DocumentKind): Promise<void> {
    const running = this.extractions.get(id);
    if (running) return running;
    const extraction = this.extract(id, kind)
      .catch((error) => console.error(`[forge] text extraction of document ${id} failed unexpectedly:`, error))
      .finally(() => this.extractions.delete(id));
    this.extractions.set(id, extraction);
    return extraction;
  }

  private async extract(id: string, kind: DocumentKind): Promise<void> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.contentPath(id));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // deleted meanwhile
      throw error;
    }
    let text: string;
    try {
      text = await extractText(kind, bytes);
    } catch (error) {
      const reason = error instanceof ExtractionError ? error.message : `text extraction failed: ${(error as Error).message}`;
      await markDocumentFailed(this.db, id, reason);
      return;
    }
    await markDocumentReady(this.db, id, text);
  }

  /** The task's output folder, unless it is missing or a link pointing out of the workspace. */
  private async outputFolderInside(workspace: string, taskId: string): Promise<string | undefined> {
    try {
      const [realWorkspace, realFolder] = await Promise.all([
        realpath(workspace),
        realpath(join(workspace, taskOutputFolder(taskId))),
      ]);
      return realFolder.startsWith(realWorkspace + sep) ? realFolder : undefined;
    } catch {
      return undefined;
    }
  }

  private async requireOwner(owner: DocumentOwner): Promise<void> {
    if (owner.scope === 'project' && !(await findProject(this.db, owner.projectId))) {
      throw new NotFoundError(`No project with id "${owner.projectId}".`);
    }
    if (owner.scope === 'task' && !(await findTask(this.db, owner.taskId))) {
      throw new NotFoundError(`No task with id "${owner.taskId}".`);
    }
  }
}

/** The log line for a run's outputs, or undefined when the folder held nothing new. */
export function describeOutputs({ registered, skipped }: OutputRegistration): string | undefined {
  if (registered.length + skipped.length === 0) return undefined;
  const names = registered.length > 0 ? ` (${registered.map((d) => d.name).join(', ')})` : '';
  const left = skipped.length > 0 ? `; not registered: ${skipped.join('; ')}` : '';
  return `Outputs: ${registered.length} registered${names}${left}`;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
