import { extname } from 'node:path';
import type { DocumentKind } from './document.js';

interface KindInfo {
  extensions: string[];
  mediaTypes: string[];
  /** What a download is served as, whatever the uploader claimed. */
  servedAs: string;
}

const KINDS: Record<DocumentKind, KindInfo> = {
  text: { extensions: ['.txt', '.text', '.log'], mediaTypes: ['text/plain'], servedAs: 'text/plain; charset=utf-8' },
  markdown: {
    extensions: ['.md', '.markdown'],
    mediaTypes: ['text/markdown', 'text/x-markdown'],
    servedAs: 'text/markdown; charset=utf-8',
  },
  json: { extensions: ['.json'], mediaTypes: ['application/json'], servedAs: 'application/json' },
  csv: { extensions: ['.csv'], mediaTypes: ['text/csv'], servedAs: 'text/csv; charset=utf-8' },
  html: { extensions: ['.html', '.htm'], mediaTypes: ['text/html'], servedAs: 'text/html; charset=utf-8' },
  pdf: { extensions: ['.pdf'], mediaTypes: ['application/pdf'], servedAs: 'application/pdf' },
  docx: {
    extensions: ['.docx'],
    mediaTypes: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    servedAs: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
};

const UNREAD_MEDIA_TYPE = 'application/octet-stream';

/** For error messages: "plain text (.txt, .text, .log), Markdown (.md, …), …". */
export const SUPPORTED_TYPES_DESCRIPTION = (
  [
    ['plain text', 'text'],
    ['Markdown', 'markdown'],
    ['JSON', 'json'],
    ['CSV', 'csv'],
    ['HTML', 'html'],
    ['PDF', 'pdf'],
    ['Word', 'docx'],
  ] as const
)
  .map(([label, kind]) => `${label} (${KINDS[kind].extensions.join(', ')})`)
  .join(', ');

/**
 * The kind of a file from its name, or from the declared media type when the name says nothing
 * (browsers send application/octet-stream for extensions they don't know, so the name goes first).
 */
export function detectKind(name: string, declaredMediaType?: string): DocumentKind | undefined {
  const extension = extname(name).toLowerCase();
  const entries = Object.entries(KINDS) as Array<[DocumentKind, KindInfo]>;
  const byName = entries.find(([, info]) => info.extensions.includes(extension));
  if (byName) return byName[0];
  const mediaType = declaredMediaType?.split(';')[0]?.trim().toLowerCase();
  return entries.find(([, info]) => mediaType && info.mediaTypes.includes(mediaType))?.[0];
}

export function mediaTypeOf(kind: DocumentKind | null): string {
  return kind ? KINDS[kind].servedAs : UNREAD_MEDIA_TYPE;
}
