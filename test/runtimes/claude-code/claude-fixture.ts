import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { locateClaudeBinary } from '../../../src/runtimes/claude-code/claude-binary.js';
import { createTestDatabase } from '../../support/databases.js';
import { startTestForge, type TestForge } from '../../support/forge-harness.js';

export const CLAUDE_BINARY = locateClaudeBinary();

/**
 * A test Forge whose claude-code runtime runs the real binary against the test's simulator. Its data
 * dir (Claude Code's HOME and sessions) is the test database's, and a failing API is not retried.
 */
export async function startClaudeForge(env: Record<string, string | undefined> = {}): Promise<TestForge> {
  const database = await createTestDatabase('sqlite');
  const forge = await startTestForge({
    database,
    env: { FORGE_DATA_DIR: database.dataDir, CLAUDE_CODE_MAX_RETRIES: '0', ...env },
  });
  const closeServer = forge.close;
  forge.close = async () => {
    await closeServer();
    await database.drop();
  };
  return forge;
}

export async function createClaudeTask(forge: TestForge, input: Record<string, unknown>): Promise<any> {
  return forge.createTask({ assignedAgent: 'claude-code', agentProfile: 'general', ...input });
}

export async function workspaceOf(forge: TestForge, task: { projectId: string }): Promise<string> {
  const projects = (await forge.api('GET', '/api/projects')).body as any[];
  return projects.find((p) => p.id === task.projectId).workingDirectory;
}

/** PIDs of running Claude Code binaries whose working directory is `workspace`. */
export function claudeProcessesIn(workspace: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = readFileSync(join('/proc', name, 'cmdline'), 'utf8');
      if (cmdline.includes(CLAUDE_BINARY) && readlinkSync(join('/proc', name, 'cwd')) === workspace) pids.push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

export function modelRequests(forge: TestForge) {
  return forge.sim.requests.filter((r) => r.path.split('?')[0]!.endsWith('/v1/messages'));
}

export { waitForPendingApproval } from '../../support/forge-harness.js';
