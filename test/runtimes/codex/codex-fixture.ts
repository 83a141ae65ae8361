import { mkdirSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SHIPPED_SCENARIO_DIR, startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { createTestDatabase, type TestDatabase } from '../../support/databases.js';
import { startTestForge, type TestForge } from '../../support/forge-harness.js';

/** A user profile that may use every tool but has Bash on autoDeny. */
export const NO_SHELL_PROFILE = 'no-shell';
/** A user profile that runs commands without asking but allows a single model turn. */
export const ONE_TURN_PROFILE = 'one-turn';

function writeProfile(dataDir: string, id: string, description: string, policy: string[]): void {
  const folder = join(dataDir, 'profiles', id);
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, 'profile.yaml'),
    [
      `id: ${id}`,
      `name: ${id}`,
      'version: 1.0.0',
      `description: ${description}`,
      'domainTags: [test]',
      'supportedRuntimes: [codex]',
      'preferredRuntime: codex',
      'allowedTools: [Read, Write, Edit, Glob, Grep, Bash]',
      ...policy,
      '',
    ].join('\n'),
  );
  writeFileSync(join(folder, 'SKILL.md'), `---\nname: ${id}\ndescription: ${description}\n---\n\n${description}\n`);
}

export function writeTestProfiles(dataDir: string): void {
  writeProfile(dataDir, NO_SHELL_PROFILE, 'Edits files but never runs shell commands.', ['autoApprove: [Read]', 'autoDeny: [Bash]', 'maxTurns: 10']);
  writeProfile(dataDir, ONE_TURN_PROFILE, 'Runs commands freely, one model turn only.', ['autoApprove: [Bash]', 'autoDeny: []', 'maxTurns: 1']);
}

export interface CodexForge {
  forge: TestForge;
  sim: Simulator;
  close(): Promise<void>;
}

/** A Forge server whose codex runtime reaches a simulator through OPENAI_BASE_URL, as it would reach OpenAI. */
export async function startCodexForge(): Promise<CodexForge> {
  const sim = await startSimulator({ scenarioDir: SHIPPED_SCENARIO_DIR });
  const database: TestDatabase = await createTestDatabase('sqlite');
  writeTestProfiles(database.dataDir);
  const forge = await startTestForge({
    sim,
    database,
    env: { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: `${sim.url}/v1` },
  });
  return {
    forge,
    sim,
    async close() {
      await forge.close();
      await sim.close();
      await database.drop();
    },
  };
}

/** PIDs of Codex processes (the native binary) whose working directory is `dir`. */
export function codexProcessesIn(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/cwd`) === dir && basename(readlinkSync(`/proc/${entry}/exe`)).startsWith('codex')) {
        pids.push(Number(entry));
      }
    } catch {
      // the process ended or is not ours to inspect
    }
  }
  return pids;
}

export async function pendingNotificationFor(forge: TestForge, taskId: string): Promise<any> {
  return forge.waitFor(async () => {
    const list = await forge.api('GET', '/api/notifications?status=pending');
    return list.body.find((n: any) => n.taskId === taskId);
  });
}

export async function workspaceOf(forge: TestForge, task: { projectId: string }): Promise<string> {
  const projects = await forge.api('GET', '/api/projects');
  return projects.body.find((p: any) => p.id === task.projectId).workingDirectory;
}
