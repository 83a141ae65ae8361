import type {
  DocumentKind,
  DocumentOwner,
  DocumentRole,
  DocumentStatus,
  ForgeDocument,
} from '../documents/document.js';
import { now } from './clock.js';
import type { Db } from './database.js';
import type { DocumentRow } from './schema.js';

export interface NewDocument {
  id: string;
  owner: DocumentOwner;
  role: DocumentRole;
  name: string;
  mediaType: string;
  kind: DocumentKind | null;
  sizeBytes: number;
  sha256: string;
  /** 'pending' when there is text to extract, 'ready' for a kept-but-unread output. */
  status: 'pending' | 'ready';
}

export async function insertDocument(db: Db, input: NewDocument): Promise<ForgeDocument> {
  const row: DocumentRow = {
    id: input.id,
    project_id: input.owner.scope === 'project' ? input.owner.projectId : null,
    task_id: input.owner.scope === 'task' ? input.owner.taskId : null,
    role: input.role,
    name: input.name,
    media_type: input.mediaType,
    kind: input.kind,
    size_bytes: input.sizeBytes,
    sha256: input.sha256,
    status: input.status,
    error: null,
    text: null,
    text_chars: null,
    created_at: now(),
    extracted_at: null,
  };
  await db.insertInto('documents').values(row).execute();
  return toDocument(row);
}

export async function findDocument(db: Db, id: string): Promise<ForgeDocument | undefined> {
  const row = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toDocument(row);
}

/** The extracted text, or undefined while it is not (or cannot be) extracted. */
export async function documentText(db: Db, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('documents').select('text').where('id', '=', id).executeTakeFirst();
  return row?.text ?? undefined;
}

export async function listDocuments(db: Db, owner: DocumentOwner, role?: DocumentRole): Promise<ForgeDocument[]> {
  let query = db.selectFrom('documents').selectAll().orderBy('created_at').orderBy('id');
  query =
    owner.scope === 'project' ? query.where('project_id', '=', owner.projectId) : query.where('task_id', '=', owner.taskId);
  if (role) query = query.where('role', '=', role);
  return (await query.execute()).map(toDocument);
}

/**
 * The input documents a task's run sees, with their text: the project's shared ones first, then the
 * task's own, each in upload order.
 */
export async function inputDocumentsForTask(
  db: Db,
  task: { id: string; projectId: string | null },
): Promise<Array<ForgeDocument & { text: string | null }>> {
  const rows = await db
    .selectFrom('documents')
    .selectAll()
    .where('role', '=', 'input')
    .where((eb) =>
      task.projectId
        ? eb.or([eb('task_id', '=', task.id), eb('project_id', '=', task.projectId)])
        : eb('task_id', '=', task.id),
    )
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  // Engines sort nulls differently, so the project-first order is made here rather than in SQL.
  const projectFirst = [...rows.filter((r) => r.task_id === null), ...rows.filter((r) => r.task_id !== null)];
  return projectFirst.map((row) => ({ ...toDocument(row), text: row.text }));
}

export async function findOutputDocumentByName(db: Db, taskId: string, name: string): Promise<ForgeDocument | undefined> {
  const row = await db
    .selectFrom('documents')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('role', '=', 'output')
    .where('name', '=', name)
    .executeTakeFirst();
  return row && toDocument(row);
}

/** Documents whose extraction has not finished (e.g. interrupted by a restart). */
export async function listPendingDocuments(db: Db): Promise<ForgeDocument[]> {
  const rows = await db.selectFrom('documents').selectAll().where('status', '=', 'pending').orderBy('created_at').execute();
  return rows.map(toDocument);
}

/** Only a pending document can finish extraction, so a late or duplicate extraction writes nothing. */
export async function markDocumentReady(db: Db, id: string, text: string): Promise<boolean> {
  const result = await db
    .updateTable('documents')
    .set({ status: 'ready', text, text_chars: text.length, error: null, extracted_at: now() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markDocumentFailed(db: Db, id: string, reason: string): Promise<boolean> {
  const result = await db
    .updateTable('documents')
    .set({ status: 'failed', error: reason, extracted_at: now() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteDocument(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('documents').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

function toDocument(row: DocumentRow): ForgeDocument {
  return {
    id: row.id,
    name: row.name,
    mediaType: row.media_type,
    kind: row.kind as DocumentKind | null,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    status: row.status as DocumentStatus,
    error: row.error,
    scope: row.project_id !== null ? 'project' : 'task',
    projectId: row.project_id,
    taskId: row.task_id,
    role: row.role as DocumentRole,
    textChars: row.text_chars,
    createdAt: row.created_at,
    extractedAt: row.extracted_at,
  };
}
