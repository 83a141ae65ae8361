import { api, isMissingRoute } from '../api.js';
import { debounce, fact, h, toast, withBusy } from '../dom.js';
import { formatTime } from '../format.js';
import { onLiveEvent } from '../live-events.js';

/** Browse profiles; read one's prompt and tool policy; run its smoke tests. */
export function renderProfiles(container, selectedId) {
  const list = h('nav', { class: 'profile-list', 'aria-label': 'Profiles' });
  const detail = h('div', { class: 'profile-detail', id: 'profile-detail' });
  let disposed = false;
  let disposeDetail = () => {};
  container.append(h('div', { class: 'page-head' }, h('h1', {}, 'Profiles')), h('div', { class: 'split' }, list, detail));

  Promise.all([api('GET', '/api/profiles'), api('GET', '/api/runtimes')])
    .then(([profiles, runtimes]) => {
      if (disposed) return;
      const current = profiles.find((profile) => profile.id === selectedId) ?? profiles[0];
      list.replaceChildren(
        h(
          'ul',
          {},
          profiles.map((profile) =>
            h(
              'li',
              {},
              h(
                'a',
                { href: `#/profiles/${encodeURIComponent(profile.id)}`, 'aria-current': profile === current ? 'page' : null },
                h('strong', {}, profile.name),
                h('span', { class: 'muted' }, ` ${profile.id}${profile.source === 'builtin' ? '' : ` · ${profile.source}`}`),
              ),
            ),
          ),
        ),
      );
      if (current) disposeDetail = renderProfile(detail, current, runtimes);
      else detail.replaceChildren(h('p', { class: 'empty' }, 'No profiles are installed.'));
    })
    .catch((error) => toast(error.message, 'error'));
  return () => {
    disposed = true;
    disposeDetail();
  };
}

/** Returns what to undo when the page goes away. */
function renderProfile(detail, profile, runtimes) {
  const smoke = smokeTestSection(profile, runtimes);
  const list = (items, empty) => (items.length ? items.map((item) => h('code', { class: 'chip' }, item)) : h('span', { class: 'muted' }, empty));
  detail.replaceChildren(
    h('h2', {}, profile.name, h('span', { class: 'muted' }, ` v${profile.version}`)),
    h('p', {}, profile.description),
    h(
      'dl',
      { class: 'facts policy' },
      fact('Allowed tools', list(profile.allowedTools, 'every built-in tool')),
      fact('Auto-approve', list(profile.autoApprove, 'none: every call asks')),
      fact('Auto-deny', list(profile.autoDeny, 'none')),
      fact('Runtimes', list(profile.supportedRuntimes, 'none'), h('span', { class: 'muted' }, ` (prefers ${profile.preferredRuntime})`)),
      fact('Max turns', String(profile.maxTurns)),
      fact('Domain tags', list(profile.domainTags, 'none')),
    ),
    h('h3', {}, 'Prompt'),
    h('pre', { class: 'prompt' }, profile.systemPrompt || '(empty)'),
    smoke.section,
  );
  return smoke.dispose;
}

/**
 * A smoke run is asynchronous: POST queues one task per test and answers at once; the verdict is
 * stored when every task has ended. The section follows the run's tasks over the live events.
 */
function smokeTestSection(profile, runtimes) {
  const usable = runtimes.filter((runtime) => runtime.mode !== 'unconfigured' && profile.supportedRuntimes.includes(runtime.id));
  const runtime = h(
    'select',
    { id: 'smoke-runtime' },
    usable.map((candidate) => h('option', { value: candidate.id, selected: candidate.id === profile.preferredRuntime }, `${candidate.id}${candidate.mode === 'simulated' ? ' (simulated)' : ''}`)),
  );
  const outcome = h('div', { class: 'smoke-outcome', id: 'smoke-outcome', role: 'status', 'aria-live': 'polite' });
  const run = h('button', { type: 'button', class: 'primary', disabled: usable.length === 0 || profile.smokeTests.length === 0 }, 'Run smoke tests');

  let watched = new Set();
  const showLatest = async () => {
    try {
      const { runs } = await api('GET', `/api/profiles/${encodeURIComponent(profile.id)}/test-results?runtime=${encodeURIComponent(runtime.value)}`);
      showRun(runs[0]);
    } catch (error) {
      outcome.replaceChildren(h('p', { class: 'form-error' }, smokeErrorText(error)));
    }
  };
  const showRun = (smokeRun) => {
    watched = new Set(smokeRun?.status === 'running' ? smokeRun.tests.map((test) => test.taskId) : []);
    outcome.replaceChildren(smokeRun ? renderSmokeRun(smokeRun) : h('p', { class: 'muted' }, `Not run on ${runtime.value} yet.`));
  };
  const refreshSoon = debounce(showLatest, 300);
  const unsubscribe = onLiveEvent((event) => {
    if (event.kind === 'resync' || (event.kind === 'task' && watched.has(event.taskId))) refreshSoon();
  });
  runtime.addEventListener('change', showLatest);
  run.addEventListener('click', () =>
    withBusy(run, async () => {
      try {
        showRun(await api('POST', `/api/profiles/${encodeURIComponent(profile.id)}/test`, { runtime: runtime.value }));
      } catch (error) {
        outcome.replaceChildren(h('p', { class: 'form-error' }, smokeErrorText(error)));
      }
    }),
  );
  if (usable.length > 0) showLatest();

  const section = h(
    'section',
    { 'aria-labelledby': 'smoke-title' },
    h('h3', { id: 'smoke-title' }, 'Smoke tests'),
    profile.smokeTests.length === 0
      ? h('p', { class: 'muted' }, 'This profile declares no smoke tests.')
      : h('ul', { class: 'smoke-tests' }, profile.smokeTests.map((test) => h('li', {}, h('strong', {}, test.name), `: ${test.task} `, h('span', { class: 'muted' }, `expects ${test.expectIncludes.map((text) => `“${text}”`).join(', ')}`)))),
    h(
      'div',
      { class: 'toolbar' },
      h('label', { for: runtime.id }, 'Runtime'),
      runtime,
      run,
      usable.length === 0 ? h('span', { class: 'muted' }, 'No configured runtime supports this profile.') : null,
    ),
    outcome,
  );
  return { section, dispose: unsubscribe };
}

function smokeErrorText(error) {
  return isMissingRoute(error)
    ? 'This server cannot run smoke tests (it has no POST /api/profiles/:id/test).'
    : error.message;
}

const RUN_STATUS = { running: 'Running', passed: 'Passed', failed: 'Failed' };
const RUN_PILL = { running: 'status-running', passed: 'decision-allow', failed: 'decision-deny', pending: 'status-queued' };

function renderSmokeRun(smokeRun) {
  return h(
    'div',
    { dataset: { runStatus: smokeRun.status } },
    h('p', {}, h('span', { class: `pill ${RUN_PILL[smokeRun.status]}` }, RUN_STATUS[smokeRun.status] ?? smokeRun.status), ` on ${smokeRun.runtime}, started ${formatTime(smokeRun.startedAt)}`),
    h(
      'ul',
      { class: 'smoke-results' },
      smokeRun.tests.map((test) =>
        h(
          'li',
          { dataset: { testStatus: test.status } },
          h('span', { class: `pill ${RUN_PILL[test.status]}` }, test.status === 'pending' ? 'Pending' : RUN_STATUS[test.status]),
          ' ',
          h('a', { href: `#/tasks/${encodeURIComponent(test.taskId)}` }, test.name),
          test.failureReason ? h('span', { class: 'muted' }, ` — ${test.failureReason}`) : null,
          test.outputExcerpt ? h('pre', { class: 'tool-output' }, test.outputExcerpt) : null,
        ),
      ),
    ),
  );
}
