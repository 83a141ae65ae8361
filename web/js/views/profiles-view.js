import { api } from '../api.js';
import { fact, h, toast, withBusy } from '../dom.js';

/** Browse profiles; read one's prompt and tool policy; run its smoke tests. */
export function renderProfiles(container, selectedId) {
  const list = h('nav', { class: 'profile-list', 'aria-label': 'Profiles' });
  const detail = h('div', { class: 'profile-detail', id: 'profile-detail' });
  container.append(h('div', { class: 'page-head' }, h('h1', {}, 'Profiles')), h('div', { class: 'split' }, list, detail));

  Promise.all([api('GET', '/api/profiles'), api('GET', '/api/runtimes')])
    .then(([profiles, runtimes]) => {
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
      if (current) renderProfile(detail, current, runtimes);
      else detail.replaceChildren(h('p', { class: 'empty' }, 'No profiles are installed.'));
    })
    .catch((error) => toast(error.message, 'error'));
}

function renderProfile(detail, profile, runtimes) {
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
    smokeTestSection(profile, runtimes),
  );
}

function smokeTestSection(profile, runtimes) {
  const usable = runtimes.filter((runtime) => runtime.mode !== 'unconfigured' && profile.supportedRuntimes.includes(runtime.id));
  const runtime = h(
    'select',
    { id: 'smoke-runtime' },
    usable.map((candidate) => h('option', { value: candidate.id }, `${candidate.id}${candidate.mode === 'simulated' ? ' (simulated)' : ''}`)),
  );
  const outcome = h('div', { class: 'smoke-outcome', role: 'status', 'aria-live': 'polite' });
  const run = h('button', { type: 'button', class: 'primary', disabled: usable.length === 0 }, 'Run smoke tests');
  run.addEventListener('click', () =>
    withBusy(run, async () => {
      outcome.replaceChildren(h('p', { class: 'muted' }, 'Running…'));
      try {
        renderSmokeResults(outcome, await api('POST', `/api/profiles/${encodeURIComponent(profile.id)}/test`, { runtime: runtime.value }));
      } catch (error) {
        const message = error.status === 404 || error.status === 405 ? 'This server cannot run smoke tests yet (no POST /api/profiles/:id/test).' : error.message;
        outcome.replaceChildren(h('p', { class: 'form-error' }, message));
      }
    }),
  );
  return h(
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
}

/** The test route is someone else's; accept an array of results or {results}, each with a name and pass flag. */
function renderSmokeResults(outcome, answer) {
  const results = Array.isArray(answer) ? answer : answer?.results ?? [];
  if (results.length === 0) {
    outcome.replaceChildren(h('pre', { class: 'json' }, JSON.stringify(answer, null, 2)));
    return;
  }
  outcome.replaceChildren(
    h(
      'ul',
      { class: 'smoke-results' },
      results.map((result) => {
        const passed = result.passed ?? result.pass ?? result.ok;
        return h(
          'li',
          { class: passed ? 'pass' : 'fail' },
          h('span', { class: `pill ${passed ? 'decision-allow' : 'decision-deny'}` }, passed ? 'Passed' : 'Failed'),
          ` ${result.name ?? ''}`,
          result.error || result.reason ? h('span', { class: 'muted' }, ` — ${result.error ?? result.reason}`) : null,
        );
      }),
    ),
  );
}
