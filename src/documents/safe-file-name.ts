import { extname } from 'node:path';

const MAX_NAME_LENGTH = 200;
/** C0/C1 controls and the bidirectional overrides that can make "evil.exe" display as "exe.live". */
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A harmless display name for an uploaded file: never a path. Directories are dropped
 * ("../../etc/passwd" becomes "passwd"), control characters removed, and leading dots too, so no
 * name can mean "here", "up" or a hidden file.
 */
export function displayNameFromUpload(uploaded: string): string {
  const lastSegment = uploaded.split(/[\\/]/).pop() ?? '';
  const cleaned = lastSegment.normalize('NFC').replace(UNSAFE_CHARACTERS, '').trim().replace(/^\.+/, '').trim();
  if (cleaned === '') return 'document';
  if (cleaned.length <= MAX_NAME_LENGTH) return cleaned;
  const extension = extname(cleaned).slice(0, 20);
  return cleaned.slice(0, MAX_NAME_LENGTH - extension.length) + extension;
}

/** A file name for a workspace copy: letters, digits, ".", "_", "-" and spaces only. */
export function workspaceFileName(displayName: string): string {
  return displayName.replace(/[^\p{L}\p{N}._ -]/gu, '_');
}
