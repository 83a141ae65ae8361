import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** A valid profile.yaml document; override fields to break it on purpose. */
export function profileDocument(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    name: `Profile ${id}`,
    version: '1.0.0',
    description: `Test profile ${id}.`,
    domainTags: ['testing'],
    supportedRuntimes: ['claude-code', 'anthropic'],
    preferredRuntime: 'claude-code',
    allowedTools: ['Read', 'Glob', 'Grep', 'Write'],
    autoApprove: ['Read', 'Glob', 'Grep'],
    autoDeny: [],
    maxTurns: 10,
    smokeTests: [{ name: 'ready', task: 'Reply READY.', expectIncludes: ['READY'] }],
    ...overrides,
  };
}

export function skillMarkdown(name: string, body = `You are ${name}.`): string {
  return `---\nname: ${name}\ndescription: Does ${name} things.\n---\n\n${body}\n`;
}

/** Writes `<parent>/<folder>/profile.yaml` (raw text or a document) and SKILL.md. */
export function writeProfile(parent: string, folder: string, document: Record<string, unknown> | string, prompt?: string): string {
  const dir = join(parent, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'profile.yaml'), typeof document === 'string' ? document : stringify(document));
  const id = typeof document === 'string' ? folder : String(document.id);
  writeFileSync(join(dir, 'SKILL.md'), skillMarkdown(id, prompt));
  return dir;
}

export function temporaryDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'forge-profiles-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
