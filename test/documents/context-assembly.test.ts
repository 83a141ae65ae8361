import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.js';
import type { ContextDocument } from '../../src/documents/document.js';
import type { Profile } from '../../src/domain/profile.js';
import type { Task } from '../../src/domain/task.js';
import { assembleContext } from '../../src/engine/context.js';

const task: Task = {
  id: '6f1c2a9e-0000-4000-8000-000000000001',
  projectId: null,
  title: 'Compare the drafts',
  description: '',
  assignedAgent: 'anthropic',
  agentProfile: 'general',
  priority: 3,
  status: 'running',
  continueFromTaskId: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const profile = { id: 'general', systemPrompt: 'You are helpful.' } as Profile;

function document(id: string, name: string, text: string): ContextDocument {
  return { id, name, text };
}

describe('context assembly in the workspace', () => {
  let workspace: string;
  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), 'forge-context-'));
  });
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));

  const assemble = (ready: ContextDocument[], budget = 1_000) =>
    assembleContext({ task, project: undefined, profile, workspace, documents: { ready, failed: [] }, documentBudgetChars: budget });

  test('two documents with the same name keep separate full-text copies', async () => {
    const first = document('aaaaaaaa-1111-4000-8000-000000000000', 'draft.md', 'first draft '.repeat(500));
    const second = document('bbbbbbbb-2222-4000-8000-000000000000', 'draft.md', 'second draft '.repeat(500));
    const context = await assemble([first, second], 2_000);
    assert.equal(readFileSync(join(workspace, '.forge/documents/draft.md.txt'), 'utf8'), first.text);
    assert.equal(readFileSync(join(workspace, '.forge/documents/draft.md.bbbbbbbb.txt'), 'utf8'), second.text);
    assert.match(context.prompt, /The whole text is in \.forge\/documents\/draft\.md\.txt /);
    assert.match(context.prompt, /read it in \.forge\/documents\/draft\.md\.bbbbbbbb\.txt/);
    assert.ok(existsSync(join(workspace, '.forge/outputs', task.id)), 'the output folder is ready for the agent');
  });

  test('a document that gets no room is pointed to, not quoted', async () => {
    const small = document('cccccccc-3333-4000-8000-000000000000', 'memo.txt', 'm'.repeat(900));
    const large = document('dddddddd-4444-4000-8000-000000000000', 'annex.txt', 'a'.repeat(10_000));
    const context = await assemble([small, large]);
    assert.match(context.prompt, /Document "annex\.txt" \(10 000 characters\) did not fit in this message; read it in \.forge\/documents\/annex\.txt\.txt\./);
    assert.doesNotMatch(context.prompt, /aaaa/);
    assert.match(context.summary, /1 document inlined \(0\.9 kB\), 0 excerpted, 1 skipped \(annex\.txt: full text at \.forge\/documents\/annex\.txt\.txt\)/);
  });

  test('a workspace whose .forge/documents leads elsewhere gets no copy, and the run still gets its excerpt', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'forge-elsewhere-'));
    mkdirSync(join(workspace, '.forge'), { recursive: true });
    symlinkSync(elsewhere, join(workspace, '.forge/documents'));
    try {
      const context = await assemble([document('eeeeeeee-5555-4000-8000-000000000000', 'big.txt', 'word '.repeat(2_000))]);
      assert.match(context.prompt, /<document name="big\.txt" excerpt="first [\d ]+ of 10 000 characters">/);
      assert.match(context.summary, /big\.txt: [\d ]+ of 10 000 chars, no full-text copy: \.forge\/documents leads outside the working directory/);
      assert.equal(existsSync(join(elsewhere, 'big.txt.txt')), false, 'nothing written outside the workspace');
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('document settings', () => {
  test('upload limit and context budget come from the environment, with defaults', () => {
    const defaults = loadConfig({ FORGE_DATA_DIR: '/tmp/forge-settings' });
    assert.equal(defaults.maxUploadBytes, 25 * 1024 * 1024);
    assert.equal(defaults.contextBudgetChars, 60_000);
    const set = loadConfig({ FORGE_DATA_DIR: '/tmp/forge-settings', FORGE_MAX_UPLOAD_BYTES: '1000', FORGE_CONTEXT_BUDGET_CHARS: '5000' });
    assert.equal(set.maxUploadBytes, 1000);
    assert.equal(set.contextBudgetChars, 5000);
    assert.throws(() => loadConfig({ FORGE_MAX_UPLOAD_BYTES: '10MB' }), /FORGE_MAX_UPLOAD_BYTES must be a positive integer/);
  });
});
