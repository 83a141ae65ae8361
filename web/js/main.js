import { api, ApiError, setApiToken } from './api.js';
import { debounce, h } from './dom.js';
import { onLiveEvent, startLiveEvents } from './live-events.js';
import { startRouter } from './router.js';
import { renderBoard } from './views/board-view.js';
import { renderInbox } from './views/inbox-view.js';
import { renderProfiles } from './views/profiles-view.js';
import { renderRuntimes } from './views/runtimes-view.js';
import { renderTask } from './views/task-view.js';

const routes = [
  { name: 'board', pattern: /^#\/board$/, render: renderBoard },
  { name: 'board', pattern: /^#\/tasks\/([^/]+)$/, render: renderTask },
  { name: 'inbox', pattern: /^#\/inbox$/, render: renderInbox },
  { name: 'profiles', pattern: /^#\/profiles(?:\/([^/]+))?$/, render: renderProfiles },
  { name: 'runtimes', pattern: /^#\/runtimes$/, render: renderRuntimes },
];

const view = document.getElementById('view');
startRouter(view, routes, (name) => {
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
});

/** The pending-approval count in the header, visible from every page. */
const badge = document.getElementById('inbox-count');
const refreshInboxCount = debounce(async () => {
  try {
    const pending = await api('GET', '/api/notifications?status=pending');
    badge.textContent = String(pending.length);
    badge.hidden = pending.length === 0;
    badge.setAttribute('aria-label', `${pending.length} pending approval${pending.length === 1 ? '' : 's'}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) askForToken(error.message);
  }
}, 150);
onLiveEvent(refreshInboxCount);
document.addEventListener('forge:answered', refreshInboxCount);
refreshInboxCount();
startLiveEvents(document.getElementById('connection'));

/** A server started with FORGE_API_TOKEN refuses us until we send it. */
function askForToken(reason) {
  if (document.getElementById('token-dialog')) return;
  const input = h('input', { id: 'token-input', type: 'password', autocomplete: 'current-password', required: true });
  const dialog = h(
    'dialog',
    { id: 'token-dialog', 'aria-labelledby': 'token-title' },
    h(
      'form',
      { method: 'dialog', onsubmit: () => {
        setApiToken(input.value.trim());
        location.reload();
      } },
      h('h2', { id: 'token-title' }, 'API token needed'),
      h('p', {}, reason),
      h('label', { for: 'token-input' }, 'FORGE_API_TOKEN'),
      input,
      h('div', { class: 'actions' }, h('button', { class: 'primary' }, 'Save token')),
    ),
  );
  document.body.append(dialog);
  dialog.showModal();
}
