import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { TestForge } from '../support/forge-harness.js';

const FIXTURES = new URL('../fixtures/documents/', import.meta.url);

/** A small fixture file kept in test/fixtures/documents (see the README there for how each was made). */
export function fixture(name: string): Buffer {
  return readFileSync(new URL(name, FIXTURES));
}

/**
 * A minimal valid one-page PDF whose text layer holds `lines`, written byte by byte: five objects,
 * a cross-reference table with their exact offsets, and a trailer.
 */
export function minimalPdf(lines: string[]): Buffer {
  const escape = (line: string) => line.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = ['BT', '/F1 12 Tf', '72 720 Td', '14 TL', ...lines.map((line) => `(${escape(line)}) '`), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefOffset = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

export interface UploadPart {
  name: string;
  bytes: Buffer | string;
  type?: string;
}

/** POSTs files as multipart/form-data in the field "file", as a browser form would. */
export async function upload(forge: TestForge, path: string, parts: UploadPart[], field = 'file') {
  const form = new FormData();
  for (const part of parts) form.append(field, new Blob([part.bytes], { type: part.type ?? '' }), part.name);
  const response = await fetch(`${forge.url}${path}`, { method: 'POST', body: form });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Waits until a document's extraction has finished (ready or failed). */
export async function settled(forge: TestForge, documentId: string): Promise<any> {
  return forge.waitFor(async () => {
    const document = (await forge.api('GET', `/api/documents/${documentId}`)).body;
    return document.status !== 'pending' ? document : undefined;
  });
}

/** A document's extracted text, as plain text (the harness would parse a JSON document's text). */
export async function extractedText(forge: TestForge, documentId: string): Promise<string> {
  const response = await fetch(`${forge.url}/api/documents/${documentId}/text`);
  assert.equal(response.status, 200, `text of ${documentId}`);
  return response.text();
}
