import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Engine } from './database.js';

/**
 * One set of migrations for both engines. The only dialect difference is the auto-increment key,
 * which the log's SSE cursor relies on (monotonic ids, never timestamps).
 */
export function migrationProvider(engine: Engine): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001_core': {
      async up(db: Kysely<any>) {
        const idColumn = engine === 'postgres' ? 'bigserial' : 'integer';
        const autoIncrement = (c: any) => (engine === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement());

        await db.schema
          .createTable('projects')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('working_directory', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('tasks')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('project_id', 'text', (c) => c.references('projects.id'))
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('assigned_agent', 'text', (c) => c.notNull())
          .addColumn('agent_profile', 'text', (c) => c.notNull())
          .addColumn('priority', 'integer', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('continue_from_task_id', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('tasks_status').on('tasks').columns(['status']).execute();

        await db.schema
          .createTable('executions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
          .addColumn('runtime', 'text', (c) => c.notNull())
          .addColumn('profile_id', 'text', (c) => c.notNull())
          .addColumn('priority', 'integer', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('attempt', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('simulated', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('resume_state', 'text')
          .addColumn('runtime_session_id', 'text')
          .addColumn('result', 'text')
          .addColumn('error', 'text')
          .addColumn('lease_owner', 'text')
          .addColumn('lease_expires_at', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('started_at', 'text')
          .addColumn('finished_at', 'text')
          .execute();
        await db.schema
          .createIndex('executions_queue')
          .on('executions')
          .columns(['status', 'priority', 'created_at'])
          .execute();
        await db.schema.createIndex('executions_task').on('executions').columns(['task_id']).execute();
        // At most one active execution per task, enforced by the database itself (both engines support partial indexes).
        await db.schema
          .createIndex('executions_one_active_per_task')
          .on('executions')
          .column('task_id')
          .unique()
          .where(sql.ref('status'), 'in', ['queued', 'running', 'waiting_approval'])
          .execute();

        await db.schema
          .createTable('agent_logs')
          .addColumn('id', idColumn, autoIncrement)
          .addColumn('task_id', 'text', (c) => c.notNull())
          .addColumn('execution_id', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('payload', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('agent_logs_task').on('agent_logs').columns(['task_id', 'id']).execute();

        await db.schema
          .createTable('notifications')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('task_id', 'text', (c) => c.notNull())
          .addColumn('execution_id', 'text', (c) => c.notNull())
          .addColumn('tool_use_id', 'text', (c) => c.notNull())
          .addColumn('tool', 'text', (c) => c.notNull())
          .addColumn('input', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('decision', 'text')
          .addColumn('message', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('responded_at', 'text')
          .addUniqueConstraint('notifications_execution_tool_use', ['execution_id', 'tool_use_id'])
          .execute();
        await db.schema.createIndex('notifications_status').on('notifications').columns(['status']).execute();

        await db.schema
          .createTable('permission_rules')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('tool', 'text', (c) => c.notNull())
          .addColumn('pattern', 'text')
          .addColumn('created_from_notification_id', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('settings')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('usage')
          .addColumn('id', idColumn, autoIncrement)
          .addColumn('execution_id', 'text', (c) => c.notNull())
          .addColumn('task_id', 'text', (c) => c.notNull())
          .addColumn('runtime', 'text', (c) => c.notNull())
          .addColumn('model', 'text')
          .addColumn('input_tokens', 'integer', (c) => c.notNull())
          .addColumn('output_tokens', 'integer', (c) => c.notNull())
          .addColumn('cache_read_tokens', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('cache_write_tokens', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('cost_usd', engine === 'postgres' ? sql`double precision` : 'real', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('usage_execution').on('usage').columns(['execution_id']).execute();
      },
    },
    '0002_documents': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('documents')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('project_id', 'text', (c) => c.references('projects.id'))
          .addColumn('task_id', 'text', (c) => c.references('tasks.id'))
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('media_type', 'text', (c) => c.notNull())
          .addColumn('kind', 'text')
          .addColumn('size_bytes', 'bigint', (c) => c.notNull())
          .addColumn('sha256', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('error', 'text')
          .addColumn('text', 'text')
          .addColumn('text_chars', 'integer')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('extracted_at', 'text')
          .addCheckConstraint('documents_one_owner', sql`(project_id is null) <> (task_id is null)`)
          .execute();
        await db.schema.createIndex('documents_project').on('documents').columns(['project_id']).execute();
        await db.schema.createIndex('documents_task').on('documents').columns(['task_id', 'role']).execute();
      },
    },
  };
  return { getMigrations: async () => migrations };
}
