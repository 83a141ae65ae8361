import type { Generated, Insertable, Selectable } from 'kysely';

/** Table shapes shared by SQLite and PostgreSQL. Timestamps are ISO-8601 strings (ms precision); JSON is text. */
export interface ProjectsTable {
  id: string;
  name: string;
  working_directory: string;
  created_at: string;
}

export interface TasksTable {
  id: string;
  project_id: string | null;
  title: string;
  description: string;
  assigned_agent: string;
  agent_profile: string;
  priority: number;
  status: string;
  continue_from_task_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface ExecutionsTable {
  id: string;
  task_id: string;
  runtime: string;
  profile_id: string;
  priority: number;
  status: string;
  attempt: number;
  simulated: number;
  resume_state: string | null;
  runtime_session_id: string | null;
  result: string | null;
  error: string | null;
  lease_owner: string | null;
  lease_expires_at: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface AgentLogsTable {
  id: Generated<number>;
  task_id: string;
  execution_id: string;
  type: string;
  payload: string;
  created_at: string;
}

export interface NotificationsTable {
  id: string;
  task_id: string;
  execution_id: string;
  tool_use_id: string;
  tool: string;
  input: string;
  status: string;
  decision: string | null;
  message: string | null;
  created_at: string;
  responded_at: string | null;
}

export interface PermissionRulesTable {
  id: string;
  tool: string;
  pattern: string | null;
  created_from_notification_id: string | null;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface UsageTable {
  id: Generated<number>;
  execution_id: string;
  task_id: string;
  runtime: string;
  model: string | null;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  cost_usd: number;
  created_at: string;
}

export interface DocumentsTable {
  id: string;
  /** Exactly one of project_id / task_id is set: the document's owner. */
  project_id: string | null;
  task_id: string | null;
  role: string;
  name: string;
  media_type: string;
  kind: string | null;
  size_bytes: number;
  sha256: string;
  status: string;
  error: string | null;
  text: string | null;
  text_chars: number | null;
  created_at: string;
  extracted_at: string | null;
}

export interface Database {
  projects: ProjectsTable;
  tasks: TasksTable;
  executions: ExecutionsTable;
  agent_logs: AgentLogsTable;
  notifications: NotificationsTable;
  permission_rules: PermissionRulesTable;
  settings: SettingsTable;
  usage: UsageTable;
  documents: DocumentsTable;
}

export type ProjectRow = Selectable<ProjectsTable>;
export type TaskRow = Selectable<TasksTable>;
export type ExecutionRow = Selectable<ExecutionsTable>;
export type AgentLogRow = Selectable<AgentLogsTable>;
export type NotificationRow = Selectable<NotificationsTable>;
export type PermissionRuleRow = Selectable<PermissionRulesTable>;
export type UsageRow = Selectable<UsageTable>;
export type NewTask = Insertable<TasksTable>;
export type DocumentRow = Selectable<DocumentsTable>;
