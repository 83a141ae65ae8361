import { randomBytes } from 'node:crypto';

/** One server-sent event; `event` is omitted for vendors that only send `data:` lines. */
export function sseFrame(event: string | undefined, data: unknown): string {
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  return `${event ? `event: ${event}\n` : ''}data: ${payload}\n\n`;
}

export function ndjsonLine(data: unknown): string {
  return `${JSON.stringify(data)}\n`;
}

/** Data that starts like a JSON object but is not one. */
export const GARBAGE_JSON = '{"type": <<simulated garbage>>';

export function simulatedId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('hex')}`;
}

/** Splits text into consecutive pieces of at most `maxLength` characters; at least two when it has two characters. */
export function splitIntoPieces(text: string, maxLength = 16): string[] {
  if (text.length < 2) return text ? [text] : [];
  const pieceLength = Math.min(maxLength, Math.ceil(text.length / 2));
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += pieceLength) pieces.push(text.slice(start, start + pieceLength));
  return pieces;
}

export function unixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
