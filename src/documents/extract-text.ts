import { convert as htmlToText } from 'html-to-text';
import mammoth from 'mammoth';
import { extractText as extractPdfText, getDocumentProxy } from 'unpdf';
import type { DocumentKind } from './document.js';

/** A file whose text cannot be read; the message is shown to the user as the failure reason. */
export class ExtractionError extends Error {}

/** The first bytes of an OLE compound file: how Word stores an encrypted (password-protected) .docx. */
const COMPOUND_FILE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Reads the text of a document; throws ExtractionError with a reason a user can act on. */
export async function extractText(kind: DocumentKind, bytes: Buffer): Promise<string> {
  const text = await extractByKind(kind, bytes);
  // PostgreSQL text cannot hold NUL, and no reader needs it.
  return text.replaceAll('\u0000', '');
}

async function extractByKind(kind: DocumentKind, bytes: Buffer): Promise<string> {
  switch (kind) {
    case 'text':
    case 'markdown':
    case 'csv':
      return decodeUtf8(bytes);
    case 'json': {
      const text = decodeUtf8(bytes);
      try {
        JSON.parse(text);
      } catch (error) {
        throw new ExtractionError(`not valid JSON: ${(error as Error).message}`);
      }
      return text;
    }
    case 'html':
      return htmlToText(decodeUtf8(bytes), {
        wordwrap: false,
        selectors: [
          { selector: 'a', options: { ignoreHref: true } },
          { selector: 'img', format: 'skip' },
          ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
        ],
      });
    case 'pdf':
      return pdfText(bytes);
    case 'docx':
      return docxText(bytes);
  }
}

function decodeUtf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ExtractionError('not UTF-8 text; save the file as UTF-8 and upload it again');
  }
}

async function pdfText(bytes: Buffer): Promise<string> {
  let text: string;
  try {
    // A copy: pdf.js takes ownership of (detaches) the buffer it is given.
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
    try {
      text = (await extractPdfText(pdf, { mergePages: true })).text;
    } finally {
      await pdf.destroy();
    }
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'PasswordException') throw new ExtractionError('the PDF is password-protected; upload an unprotected copy');
    if (name === 'InvalidPDFException') throw new ExtractionError('not a readable PDF (the file is damaged or not a PDF)');
    throw new ExtractionError(`the PDF could not be read: ${(error as Error).message}`);
  }
  if (text.trim() === '') {
    throw new ExtractionError('the PDF has no text layer (a scanned image?); upload a text version');
  }
  return text;
}

async function docxText(bytes: Buffer): Promise<string> {
  if (bytes.subarray(0, COMPOUND_FILE_SIGNATURE.length).equals(COMPOUND_FILE_SIGNATURE)) {
    throw new ExtractionError('the Word document is password-protected; upload an unprotected copy');
  }
  try {
    return (await mammoth.extractRawText({ buffer: bytes })).value;
  } catch {
    throw new ExtractionError('not a readable Word document (the file is damaged or not a .docx)');
  }
}
