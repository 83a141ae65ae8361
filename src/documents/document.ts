/** What Forge knows about one stored document; its bytes live under <dataDir>/documents/<id>. */
export type DocumentRole = 'input' | 'output';
export type DocumentStatus = 'pending' | 'ready' | 'failed';
export type DocumentScope = 'project' | 'task';

/** How a document's text is read; null for outputs of a type Forge keeps but does not read. */
export type DocumentKind = 'text' | 'markdown' | 'json' | 'csv' | 'html' | 'pdf' | 'docx';

/** Who a document belongs to: a project (shared by all its tasks) or a single task. */
export type DocumentOwner = { scope: 'project'; projectId: string } | { scope: 'task'; taskId: string };

export interface ForgeDocument {
  id: string;
  name: string;
  mediaType: string;
  kind: DocumentKind | null;
  sizeBytes: number;
  sha256: string;
  status: DocumentStatus;
  /** Why extraction failed, in words a user can act on. */
  error: string | null;
  scope: DocumentScope;
  projectId: string | null;
  taskId: string | null;
  role: DocumentRole;
  /** Length of the extracted text, once ready. */
  textChars: number | null;
  createdAt: string;
  extractedAt: string | null;
}

/** A ready document as context assembly sees it. */
export interface ContextDocument {
  id: string;
  name: string;
  text: string;
}

/** The documents a run may see: the readable ones, and the ones that failed (reported, not sent). */
export interface TaskDocuments {
  ready: ContextDocument[];
  failed: Array<{ name: string; reason: string }>;
}
