/**
 * `attachment` with the name twice: an ASCII fallback for old clients and the exact UTF-8 name
 * (RFC 6266 / RFC 8187). Quotes, backslashes and controls never reach the header.
 */
export function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
