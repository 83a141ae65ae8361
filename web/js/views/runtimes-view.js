import { api } from '../api.js';
import { h, toast } from '../dom.js';

const MODE_TEXT = { real: 'Configured', simulated: 'Simulator', unconfigured: 'Not configured' };
const CAPABILITIES = { tools: 'tools', resume: 'resume', streaming: 'streaming', costReporting: 'cost reporting' };

/** Which runtimes are configured, and which answer from the local simulator (and why). */
export function renderRuntimes(container) {
  const body = h('div', { id: 'runtimes' }, h('p', { class: 'muted' }, 'Loading…'));
  container.append(h('div', { class: 'page-head' }, h('h1', {}, 'Runtimes')), body);
  api('GET', '/api/runtimes')
    .then((runtimes) => {
      body.replaceChildren(
        h(
          'table',
          { class: 'table' },
          h('thead', {}, h('tr', {}, ['Runtime', 'Mode', 'Endpoint', 'Why', 'Can do', 'Runs at once'].map((title) => h('th', { scope: 'col' }, title)))),
          h(
            'tbody',
            {},
            runtimes.map((runtime) =>
              h(
                'tr',
                { dataset: { runtime: runtime.id } },
                h('th', { scope: 'row' }, runtime.id),
                h('td', {}, h('span', { class: `pill mode-${runtime.mode}` }, MODE_TEXT[runtime.mode] ?? runtime.mode)),
                h('td', {}, runtime.endpoint ? h('code', {}, runtime.endpoint) : '—'),
                h('td', {}, runtime.reason ?? (runtime.mode === 'real' ? 'Credentials found' : '')),
                h('td', {}, Object.entries(CAPABILITIES).filter(([key]) => runtime.capabilities?.[key]).map(([, label]) => label).join(', ') || '—'),
                h('td', {}, String(runtime.concurrencyLimit ?? '—')),
              ),
            ),
          ),
        ),
        runtimes.some((runtime) => runtime.mode === 'simulated')
          ? h('p', { class: 'hint' }, 'Simulated runtimes answer from Forge’s built-in model simulator: handy for trying Forge out, not for real work. Set the runtime’s API key to use the real model.')
          : null,
      );
    })
    .catch((error) => toast(error.message, 'error'));
}
