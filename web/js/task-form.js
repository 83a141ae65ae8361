import { api, isMissingRoute } from './api.js';
import { openDialog } from './dialog.js';
import { debounce, h, toast } from './dom.js';
import {
  compatibilityText,
  field,
  loadTaskOptions,
  prioritySelect,
  profileSelect,
  projectSelect,
  runtimeSelect,
} from './task-options.js';

/** Whether this server has the classifier route; learned on first use. */
let classifierAvailable = true;

export async function openNewTaskDialog(onCreated) {
  const { runtimes, profiles, projects } = await loadTaskOptions();
  const title = h('input', { id: 'task-title', name: 'title', required: true, maxlength: '500', autocomplete: 'off' });
  const description = h('textarea', { id: 'task-description', name: 'description', rows: '4' });
  const runtime = runtimeSelect('task-runtime', runtimes);
  const profile = profileSelect('task-profile', profiles);
  const priority = prioritySelect('task-priority');
  const project = projectSelect('task-project', projects);
  const runNow = h('input', { id: 'task-run-now', type: 'checkbox', name: 'runNow' });
  const suggestion = h('p', { class: 'hint', id: 'task-profile-suggestion', 'aria-live': 'polite' });
  const compatibility = h('p', { class: 'hint warning', 'aria-live': 'polite' });
  const error = h('p', { class: 'form-error', role: 'alert' });

  // A suggestion fills the profile only until the user picks one themselves.
  let profileChosenByUser = false;
  profile.addEventListener('change', () => {
    profileChosenByUser = true;
  });
  const showCompatibility = () => {
    compatibility.textContent = compatibilityText(profiles, profile.value, runtime.value);
  };
  profile.addEventListener('change', showCompatibility);
  runtime.addEventListener('change', showCompatibility);
  const suggest = debounce(async () => {
    if (profileChosenByUser || !title.value.trim()) return;
    const suggested = await suggestProfile(title.value, description.value);
    if (!suggested || profileChosenByUser || !profiles.some((p) => p.id === suggested)) return;
    profile.value = suggested;
    suggestion.textContent = `Suggested from the title: ${suggested}. Change it if it fits badly.`;
    showCompatibility();
  }, 300);
  title.addEventListener('input', suggest);
  description.addEventListener('input', suggest);

  const form = h(
    'form',
    { class: 'task-form', novalidate: false },
    field('Title', title),
    field('Description', description, 'What the agent should do, in as much detail as helps.'),
    h(
      'div',
      { class: 'field-row' },
      field('Runtime', runtime),
      h('div', { class: 'field' }, h('label', { for: profile.id }, 'Profile'), profile, suggestion, compatibility),
    ),
    h('div', { class: 'field-row' }, field('Priority', priority), field('Project', project)),
    h('div', { class: 'field checkbox' }, runNow, h('label', { for: runNow.id }, 'Execute right after creating')),
    error,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Create task')),
  );
  const dialog = openDialog('New task', form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const submit = form.querySelector('[type=submit]');
    submit.disabled = true;
    error.textContent = '';
    try {
      const task = await api('POST', '/api/tasks', {
        title: title.value,
        description: description.value || undefined,
        assignedAgent: runtime.value,
        agentProfile: profile.value,
        priority: Number(priority.value),
        projectId: project.value || undefined,
      });
      if (runNow.checked) await api('POST', `/api/tasks/${task.id}/execute`);
      dialog.close();
      toast(`Created “${task.title}”.`);
      onCreated(task);
    } catch (failure) {
      error.textContent = failure.message;
    } finally {
      submit.disabled = false;
    }
  });
  title.focus();
}

export async function openBatchDialog(onCreated) {
  const { runtimes, profiles, projects } = await loadTaskOptions();
  const titles = h('textarea', { id: 'batch-titles', name: 'titles', rows: '8', required: true });
  const runtime = runtimeSelect('batch-runtime', runtimes);
  const profile = profileSelect('batch-profile', profiles, { firstOption: 'Suggest one for each task' });
  const priority = prioritySelect('batch-priority');
  const project = projectSelect('batch-project', projects);
  const error = h('p', { class: 'form-error', role: 'alert' });
  const form = h(
    'form',
    { class: 'task-form' },
    field('Task titles', titles, 'One task per line; empty lines are skipped.'),
    h('div', { class: 'field-row' }, field('Runtime', runtime), field('Profile', profile)),
    h('div', { class: 'field-row' }, field('Priority', priority), field('Project', project)),
    error,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Create tasks')),
  );
  const dialog = openDialog('Create many tasks', form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const lines = titles.value.split('\n').map((line) => line.trim()).filter(Boolean);
    if (lines.length === 0) {
      error.textContent = 'Write at least one title.';
      return;
    }
    const submit = form.querySelector('[type=submit]');
    submit.disabled = true;
    error.textContent = '';
    // No profile chosen: the server suggests one per task.
    const tasks = lines.map((line) => ({
      title: line,
      assignedAgent: runtime.value,
      agentProfile: profile.value || undefined,
      priority: Number(priority.value),
      projectId: project.value || undefined,
    }));
    try {
      const created = await createMany(tasks);
      dialog.close();
      toast(`Created ${created} task${created === 1 ? '' : 's'}.`);
      onCreated();
    } catch (failure) {
      error.textContent = failure.message;
      onCreated();
    } finally {
      submit.disabled = false;
    }
  });
  titles.focus();
}

/** One request when the server has the batch route, one per task otherwise. */
async function createMany(tasks) {
  try {
    await api('POST', '/api/tasks/batch', { tasks });
    return tasks.length;
  } catch (error) {
    if (!isMissingRoute(error)) throw error;
  }
  let created = 0;
  for (const task of tasks) {
    try {
      await api('POST', '/api/tasks', task);
      created += 1;
    } catch (error) {
      throw new Error(`Created ${created} of ${tasks.length}; “${task.title}” failed: ${error.message}`);
    }
  }
  return created;
}

/** The classifier's first suggestion, or nothing when this server has no classifier route. */
async function suggestProfile(title, description) {
  if (!classifierAvailable) return undefined;
  try {
    const answer = await api('POST', '/api/profiles/classify', { title, description: description || undefined });
    const suggestions = Array.isArray(answer) ? answer : answer?.suggestions ?? [];
    const first = suggestions[0];
    return typeof first === 'string' ? first : first?.profileId ?? first?.id;
  } catch (error) {
    if (error.status === 404 || error.status === 405) classifierAvailable = false;
    return undefined;
  }
}
