import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ScenarioTurn } from '../../src/simulator/index.js';
import { ENGINES } from '../support/databases.js';
import { startTestForge, waitForTaskStatus, type TestForge } from '../support/forge-harness.js';
import { extractedText, settled } from './document-fixtures.js';

const REPORT = '# Findings\n\nRevenue grew 12 percent.\n';
const SUMMARY_CSV = 'metric,value\nrevenue_growth,12\n';

for (const engine of ENGINES) {
  describe(`task outputs (${engine})`, () => {
    let forge: TestForge;
    before(async () => {
      forge = await startTestForge({ engine });
      // The user trusts agents to write into their output folders without asking.
      await forge.api('POST', '/api/settings/permissions', { tool: 'Write', pattern: '.forge/outputs/*' });
    });
    after(() => forge.close());

    /** A task whose scenario is written once its id (and so its output folder) is known. */
    async function taskWithScenario(turnsFor: (outputFolder: string) => ScenarioTurn[]) {
      const scenario = `doc-outputs-${randomUUID().slice(0, 8)}`;
      const task = await forge.createTask({ title: 'Write the findings', description: `[[scenario:${scenario}]]` });
      forge.sim.addScenario({ name: scenario, turns: turnsFor(`.forge/outputs/${task.id}`) });
      const workspace = (await forge.api('GET', '/api/projects')).body.find((p: any) => p.id === task.projectId).workingDirectory;
      return { task, workspace, scenario };
    }

    test('files the agent writes into its output folder are listed with the task and downloadable when the run ends', async () => {
      const { task } = await taskWithScenario((folder) => [
        {
          text: 'Writing the report.',
          toolCalls: [
            { name: 'Write', input: { file_path: `${folder}/report.md`, content: REPORT } },
            { name: 'Write', input: { file_path: `${folder}/data/summary.csv`, content: SUMMARY_CSV } },
          ],
        },
        { text: 'Done: report.md and data/summary.csv are in the output folder.' },
      ]);
      await forge.api('POST', `/api/tasks/${task.id}/execute`);
      assert.equal((await waitForTaskStatus(forge, task.id, ['completed', 'failed'])).status, 'completed');

      const outputs = await forge.api('GET', `/api/tasks/${task.id}/documents?role=output`);
      assert.equal(outputs.status, 200);
      const byName = new Map<string, any>(outputs.body.map((d: any) => [d.name, d]));
      assert.deepEqual([...byName.keys()].sort(), ['data/summary.csv', 'report.md']);
      for (const document of byName.values()) {
        assert.equal(document.role, 'output');
        assert.equal(document.taskId, task.id);
      }
      assert.deepEqual((await forge.api('GET', `/api/tasks/${task.id}/documents?role=input`)).body, []);

      const report = await fetch(`${forge.url}/api/documents/${byName.get('report.md').id}/content`);
      assert.equal(report.headers.get('content-disposition'), `attachment; filename="report.md"; filename*=UTF-8''report.md`);
      assert.equal(await report.text(), REPORT);
      const csv = await fetch(`${forge.url}/api/documents/${byName.get('data/summary.csv').id}/content`);
      assert.match(csv.headers.get('content-disposition')!, /filename="summary\.csv"/);
      assert.equal(await csv.text(), SUMMARY_CSV);

      assert.equal((await settled(forge, byName.get('report.md').id)).status, 'ready');
      assert.equal(await extractedText(forge, byName.get('report.md').id), REPORT);

      const entries = await forge.collectLogs(task.id);
      const outputsLine = entries.find((e) => e.type === 'status' && e.message?.startsWith('Outputs:'));
      assert.match(outputsLine.message, /^Outputs: 2 registered \((report\.md|data\/summary\.csv), (report\.md|data\/summary\.csv)\)$/);
      assert.ok(entries.indexOf(outputsLine) < entries.length - 1, 'registered before the run is reported finished');
      assert.equal(entries.at(-1).status, 'completed');
    });

    test('a run that fails still hands over what it wrote', async () => {
      const { task } = await taskWithScenario((folder) => [
        { toolCalls: [{ name: 'Write', input: { file_path: `${folder}/partial.md`, content: 'half done' } }] },
        { fault: { kind: 'http', status: 400, message: 'prompt is too long' } },
      ]);
      await forge.api('POST', `/api/tasks/${task.id}/execute`);
      assert.equal((await waitForTaskStatus(forge, task.id, ['completed', 'failed'])).status, 'failed');
      const outputs = (await forge.api('GET', `/api/tasks/${task.id}/documents?role=output`)).body;
      assert.deepEqual(outputs.map((d: any) => d.name), ['partial.md']);
    });

    test('a link in the output folder pointing elsewhere is not collected', async () => {
      const { task, workspace } = await taskWithScenario((folder) => [
        { toolCalls: [{ name: 'Write', input: { file_path: `${folder}/real.txt`, content: 'mine' } }] },
        { text: 'Done.' },
      ]);
      const folder = join(workspace, '.forge/outputs', task.id);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(workspace, 'secret.txt'), 'not an output');
      symlinkSync('/etc/hostname', join(folder, 'hostname.txt'));
      symlinkSync(join(workspace, 'secret.txt'), join(folder, 'secret.txt'));
      await forge.api('POST', `/api/tasks/${task.id}/execute`);
      assert.equal((await waitForTaskStatus(forge, task.id, ['completed', 'failed'])).status, 'completed');
      const outputs = (await forge.api('GET', `/api/tasks/${task.id}/documents?role=output`)).body;
      assert.deepEqual(outputs.map((d: any) => d.name), ['real.txt']);
    });

    test('running the task again keeps an unchanged output and replaces a changed one', async () => {
      const { task, scenario } = await taskWithScenario((folder) => [
        {
          toolCalls: [
            { name: 'Write', input: { file_path: `${folder}/report.md`, content: 'first draft' } },
            { name: 'Write', input: { file_path: `${folder}/notes.md`, content: 'sources' } },
          ],
        },
        { text: 'Done.' },
      ]);
      await forge.api('POST', `/api/tasks/${task.id}/execute`);
      await waitForTaskStatus(forge, task.id, ['completed']);
      const first = new Map<string, any>((await forge.api('GET', `/api/tasks/${task.id}/documents?role=output`)).body.map((d: any) => [d.name, d]));

      forge.sim.addScenario({
        name: scenario,
        turns: [
          { toolCalls: [{ name: 'Write', input: { file_path: `.forge/outputs/${task.id}/report.md`, content: 'second draft' } }] },
          { text: 'Revised.' },
        ],
      });
      await forge.api('POST', `/api/tasks/${task.id}/execute`);
      await waitForTaskStatus(forge, task.id, ['completed']);
      const outputs = (await forge.api('GET', `/api/tasks/${task.id}/documents?role=output`)).body;
      assert.deepEqual(outputs.map((d: any) => d.name).sort(), ['notes.md', 'report.md'], 'one of each, no duplicates');
      const report = outputs.find((d: any) => d.name === 'report.md');
      assert.notEqual(report.id, first.get('report.md').id);
      assert.equal(await (await fetch(`${forge.url}/api/documents/${report.id}/content`)).text(), 'second draft');
      assert.equal((await forge.api('GET', `/api/documents/${first.get('report.md').id}`)).status, 404, 'the old draft is gone');
      assert.equal(outputs.find((d: any) => d.name === 'notes.md').id, first.get('notes.md').id);
    });
  });
}
