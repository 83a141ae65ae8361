import { api } from './api.js';
import { h } from './dom.js';

/** What the create forms offer: runtimes (simulated ones marked), profiles and projects. */
export async function loadTaskOptions() {
  const [runtimes, profiles, projects] = await Promise.all([
    api('GET', '/api/runtimes'),
    api('GET', '/api/profiles'),
    api('GET', '/api/projects'),
  ]);
  return { runtimes, profiles, projects };
}

export function runtimeSelect(id, runtimes) {
  const usable = runtimes.filter((runtime) => runtime.mode !== 'unconfigured');
  const preferred = usable.find((runtime) => runtime.mode === 'real') ?? usable[0];
  return h(
    'select',
    { id, name: 'assignedAgent', required: true },
    runtimes.map((runtime) =>
      h(
        'option',
        { value: runtime.id, disabled: runtime.mode === 'unconfigured', selected: runtime === preferred },
        `${runtime.id}${runtime.mode === 'simulated' ? ' (simulated)' : runtime.mode === 'unconfigured' ? ' (not configured)' : ''}`,
      ),
    ),
  );
}

export function profileSelect(id, profiles, { firstOption } = {}) {
  return h(
    'select',
    { id, name: 'agentProfile' },
    firstOption ? h('option', { value: '' }, firstOption) : null,
    profiles.map((profile) => h('option', { value: profile.id, selected: !firstOption && profile.id === 'general' }, `${profile.name} (${profile.id})`)),
  );
}

export function prioritySelect(id) {
  const labels = { 1: '1 — most urgent', 3: '3 — normal', 5: '5 — whenever' };
  return h(
    'select',
    { id, name: 'priority' },
    [1, 2, 3, 4, 5].map((n) => h('option', { value: String(n), selected: n === 3 }, labels[n] ?? String(n))),
  );
}

export function projectSelect(id, projects) {
  return h(
    'select',
    { id, name: 'projectId' },
    h('option', { value: '' }, 'No project (a workspace of its own)'),
    projects.map((project) => h('option', { value: project.id }, `${project.name} — ${project.workingDirectory}`)),
  );
}

/** A labelled form field; `hint` is tied to the control for screen readers. */
export function field(label, control, hint) {
  const hintElement = hint ? h('p', { class: 'hint', id: `${control.id}-hint` }, hint) : null;
  if (hintElement) control.setAttribute('aria-describedby', hintElement.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintElement);
}

/** Warns when the chosen profile does not list the chosen runtime (execute would refuse it). */
export function compatibilityText(profiles, profileId, runtimeId) {
  const profile = profiles.find((candidate) => candidate.id === profileId);
  if (!profile || profile.supportedRuntimes.includes(runtimeId)) return '';
  return `${profile.name} does not support ${runtimeId}; it runs on ${profile.supportedRuntimes.join(', ')}.`;
}
