import { randomUUID } from 'node:crypto';
import type { Project } from '../domain/task.js';
import { now } from './clock.js';
import type { Db } from './database.js';
import type { ProjectRow } from './schema.js';

export async function insertProject(db: Db, input: { name: string; workingDirectory: string }): Promise<Project> {
  const row: ProjectRow = {
    id: randomUUID(),
    name: input.name,
    working_directory: input.workingDirectory,
    created_at: now(),
  };
  await db.insertInto('projects').values(row).execute();
  return toProject(row);
}

export async function listProjects(db: Db): Promise<Project[]> {
  const rows = await db.selectFrom('projects').selectAll().orderBy('created_at').execute();
  return rows.map(toProject);
}

export async function findProject(db: Db, id: string): Promise<Project | undefined> {
  const row = await db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toProject(row);
}

function toProject(row: ProjectRow): Project {
  return { id: row.id, name: row.name, workingDirectory: row.working_directory, createdAt: row.created_at };
}
