import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SHIPPED_SCENARIO_DIR, startSimulator, type Simulator } from '../../src/simulator/index.js';
import { startTestForge, type TestForge } from '../support/forge-harness.js';

describe('batch creation and smoke results on PostgreSQL', () => {
  let sim: Simulator;
  let forge: TestForge;
  before(async () => {
    sim = await startSimulator({ scenarioDir: SHIPPED_SCENARIO_DIR, defaultScenario: 'smoke-answers' });
    forge = await startTestForge({ engine: 'postgres', sim });
  });
  after(async () => {
    await forge.close();
    await sim.close();
  });

  test('a batch is created whole or not at all', async () => {
    const refused = await forge.api('POST', '/api/tasks/batch', {
      tasks: [{ title: 'Research competitor pricing models', assignedAgent: 'anthropic' }, { title: 'x', assignedAgent: 'nope' }],
    });
    assert.equal(refused.status, 400);
    assert.deepEqual((await forge.api('GET', '/api/tasks')).body, []);
    const created = await forge.api('POST', '/api/tasks/batch', {
      tasks: [
        { title: 'Research competitor pricing models', assignedAgent: 'anthropic' },
        { title: 'Write API documentation for the payments module', assignedAgent: 'anthropic' },
      ],
    });
    assert.equal(created.status, 201);
    assert.deepEqual(
      created.body.tasks.map((task: any) => task.agentProfile),
      ['researcher', 'document-writer'],
    );
    assert.equal((await forge.api('GET', '/api/tasks')).body.length, 2);
  });

  test('a smoke run stores results that outlive a restart', async () => {
    assert.equal((await forge.api('POST', '/api/profiles/legal-reviewer/test', { runtime: 'anthropic' })).status, 202);
    const results = () => forge.api('GET', '/api/profiles/legal-reviewer/test-results?runtime=anthropic');
    await forge.waitFor(async () => (await results()).body.runs[0]?.status === 'passed');
    await forge.restart();
    const run = (await results()).body.runs[0];
    assert.equal(run.status, 'passed');
    assert.equal(run.tests.find((t: any) => t.name === 'knows NDA').outputExcerpt, 'Non-Disclosure Agreement');
  });
});
