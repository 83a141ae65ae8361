import type { Profile } from '../domain/profile.js';
import type { Project, Task } from '../domain/task.js';

/**
 * Assembles what every runtime receives, in one place: the profile's prompt and the project for the
 * system prompt, the task itself for the user prompt.
 */
export function assembleContext(input: { task: Task; project: Project | undefined; profile: Profile; workspace: string }): {
  systemPrompt: string;
  prompt: string;
} {
  const { task, project, profile, workspace } = input;
  const workspaceLines = [
    '## Workspace',
    project ? `Project: ${project.name}` : 'Project: none (a private workspace for this task)',
    `Working directory: ${workspace}`,
    'Use paths inside the working directory; anything outside it is refused.',
  ];
  const systemPrompt = [profile.systemPrompt.trim(), workspaceLines.join('\n')].filter(Boolean).join('\n\n');
  const prompt = task.description.trim() ? `${task.title}\n\n${task.description.trim()}` : task.title;
  return { systemPrompt, prompt };
}
