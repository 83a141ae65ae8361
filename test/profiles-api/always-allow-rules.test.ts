import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { SHIPPED_SCENARIO_DIR, startSimulator, type Simulator } from '../../src/simulator/index.js';
import { startTestForge, waitForTaskStatus, type TestForge, waitForPendingApproval } from '../support/forge-harness.js';

const bashScenario = (name: string, command: string) => ({
  name,
  turns: [{ text: `Running ${command}.`, toolCalls: [{ name: 'Bash', input: { command } }] }, { text: `Ran ${command}.` }],
});

describe('Always Allow rules API', () => {
  let sim: Simulator;
  let forge: TestForge;
  before(async () => {
    sim = await startSimulator({
      scenarioDir: SHIPPED_SCENARIO_DIR,
      scenarios: [bashScenario('git-status', 'git status --short'), bashScenario('git-push', 'git push')],
    });
    forge = await startTestForge({ sim });
  });
  after(async () => {
    await forge.close();
    await sim.close();
  });

  /** A task on the general profile, which asks before every Bash call, in a fresh git repository. */
  async function runBash(scenario: string) {
    const task = await forge.createTask({ title: `run ${scenario}`, description: `[[scenario:${scenario}]]`, agentProfile: 'general' });
    const project = (await forge.api('GET', '/api/projects')).body.find((p: any) => p.id === task.projectId);
    execFileSync('git', ['init', '--quiet', project.workingDirectory]);
    assert.equal((await forge.api('POST', `/api/tasks/${task.id}/execute`)).status, 202);
    return task;
  }

  test('creating, listing and deleting rules; bad input is refused', async () => {
    const created = await forge.api('POST', '/api/settings/permissions', { tool: ' bash ', pattern: 'npm test' });
    assert.equal(created.status, 201);
    assert.equal(created.body.tool, 'Bash', 'tool names are normalised');
    assert.equal(created.body.pattern, 'npm test');
    const wholeTool = await forge.api('POST', '/api/settings/permissions', { tool: 'Read' });
    assert.equal(wholeTool.body.pattern, null, 'no pattern allows every call of the tool');

    const listed = (await forge.api('GET', '/api/settings/permissions')).body.map((rule: any) => rule.id);
    assert.ok(listed.includes(created.body.id) && listed.includes(wholeTool.body.id));

    const missingTool = await forge.api('POST', '/api/settings/permissions', { pattern: 'ls' });
    assert.equal(missingTool.status, 400);
    assert.match(missingTool.body.error.message, /^tool: /);

    for (const rule of [created.body, wholeTool.body]) {
      assert.equal((await forge.api('DELETE', `/api/settings/permissions/${rule.id}`)).status, 204);
    }
    assert.equal((await forge.api('DELETE', `/api/settings/permissions/${created.body.id}`)).status, 404);
    const remaining = (await forge.api('GET', '/api/settings/permissions')).body.map((rule: any) => rule.id);
    assert.ok(!remaining.includes(created.body.id) && !remaining.includes(wholeTool.body.id));
  });

  test('a "git status*" rule lets "git status --short" run without asking, but not "git push"', async () => {
    const rule = (await forge.api('POST', '/api/settings/permissions', { tool: 'Bash', pattern: 'git status*' })).body;

    const status = await runBash('git-status');
    assert.equal((await waitForTaskStatus(forge, status.id, ['completed', 'failed', 'waiting_approval'])).status, 'completed');
    const entries = await forge.collectLogs(status.id);
    assert.equal(entries.filter((e) => e.type === 'permission_request').length, 0, 'nobody was asked');
    const decision = entries.find((e) => e.type === 'permission_decision');
    assert.equal(decision.decision, 'allow');
    assert.equal(decision.source, 'always_allow');
    assert.equal(decision.ruleId, rule.id);
    const result = entries.find((e) => e.type === 'tool_result');
    assert.equal(result.isError, false, result.output);

    const push = await runBash('git-push');
    const pending = await waitForPendingApproval(forge, push.id);
    assert.equal(pending.tool, 'Bash');
    assert.equal(pending.input.command, 'git push');
    assert.equal((await forge.api('GET', `/api/tasks/${push.id}`)).body.status, 'waiting_approval');
    assert.equal((await forge.api('POST', `/api/tasks/${push.id}/cancel`)).status, 200);
  });
});
