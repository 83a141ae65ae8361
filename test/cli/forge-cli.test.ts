import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { startTestForge, type TestForge } from '../support/forge-harness.js';

const FORGE_BIN = fileURLToPath(new URL('../../bin/forge.js', import.meta.url));
const run = promisify(execFile);

describe('the forge CLI', () => {
  let forge: TestForge;
  const cli = (...args: string[]) => run(process.execPath, [FORGE_BIN, ...args], { env: { ...process.env, FORGE_URL: forge.url }, timeout: 60_000 });
  before(async () => {
    forge = await startTestForge();
  });
  after(() => forge.close());

  test('project, run (follows the log), approvals and approve take a task from creation to completion', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'forge-cli-'));
    const projectId = (await cli('project', 'cli demo', folder)).stdout.trim();
    const following = cli('run', 'Create hello', '--description', '[[scenario:write-file]]', '--project', projectId, '--profile', 'general');
    const approvalId = await forge.waitFor(async () => {
      const { stdout } = await cli('approvals');
      return /^(\S+)\s+task/m.exec(stdout)?.[1];
    });
    assert.match((await cli('approve', approvalId)).stdout, /approve recorded/);
    const { stdout } = await following;
    assert.match(stdout, /\? Write needs approval: forge approve /);
    assert.match(stdout, /✓ Done: created hello.txt/);
    assert.match(stdout, /● completed/);
    assert.equal(readFileSync(join(folder, 'hello.txt'), 'utf8'), 'hi\n');
    assert.match((await cli('list')).stdout, /completed\s+anthropic\s+Create hello/);
  });

  test('errors are one readable line and a non-zero exit', async () => {
    await assert.rejects(cli('logs', 'no-such-task'), (error: any) => {
      assert.equal(error.code, 1);
      assert.equal(error.stderr.trim(), 'forge: HTTP 404: No task with id "no-such-task".');
      return true;
    });
    await assert.rejects(cli('frobnicate'), (error: any) => error.code === 2 && /unknown command "frobnicate"/.test(error.stderr));
  });
});
