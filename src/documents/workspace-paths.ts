/** Where Forge puts its own files inside a workspace, relative to it (with '/' separators). */
export const WORKSPACE_DOCUMENTS_FOLDER = '.forge/documents';

/** Files an agent writes here become the task's output documents when the run ends. */
export function taskOutputFolder(taskId: string): string {
  return `.forge/outputs/${taskId}`;
}
