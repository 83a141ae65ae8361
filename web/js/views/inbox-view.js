import { api } from '../api.js';
import { approvalButtons, describeRule } from '../approval-buttons.js';
import { debounce, h, toast, withBusy } from '../dom.js';
import { formatTime } from '../format.js';
import { onLiveEvent } from '../live-events.js';
import { toolArguments } from '../tool-call-view.js';

/** Every pending permission request across all tasks, and the Always Allow rules they left behind. */
export function renderInbox(container) {
  const requests = h('ul', { class: 'requests', id: 'requests', 'aria-labelledby': 'inbox-title' });
  const rules = h('div', { id: 'rules' });
  container.append(
    h('div', { class: 'page-head' }, h('h1', { id: 'inbox-title' }, 'Approval inbox')),
    requests,
    h('section', { class: 'rules-section', 'aria-labelledby': 'rules-title' }, h('h2', { id: 'rules-title' }, 'Always Allow rules'), h('p', { class: 'hint' }, 'Calls matching a rule run without asking. Revoke a rule to be asked again.'), rules),
  );

  let shownRequests = '';
  const refresh = async () => {
    try {
      const [pending, tasks, ruleList] = await Promise.all([
        api('GET', '/api/notifications?status=pending'),
        api('GET', '/api/tasks'),
        api('GET', '/api/settings/permissions'),
      ]);
      const titles = new Map(tasks.map((task) => [task.id, task.title]));
      // Re-render only on a real change, so a keyboard user's focus stays put while other tasks run.
      const key = pending.map((notification) => `${notification.id}:${titles.get(notification.taskId)}`).join();
      if (key !== shownRequests || pending.length === 0) renderRequests(requests, pending, titles, refreshSoon);
      shownRequests = key;
      renderRules(rules, ruleList, refreshSoon);
    } catch (error) {
      toast(error.message, 'error');
    }
  };
  const refreshSoon = debounce(refresh, 150);
  refresh();
  return onLiveEvent(refreshSoon);
}

function renderRequests(list, pending, titles, refresh) {
  if (pending.length === 0) {
    list.replaceChildren(h('li', { class: 'empty' }, 'No requests are waiting. Agents that need a decision show up here.'));
    return;
  }
  // Oldest first: those agents have waited longest.
  const sorted = [...pending].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  list.replaceChildren(
    ...sorted.map((notification) => {
      const title = titles.get(notification.taskId) ?? notification.taskId;
      return h(
        'li',
        { class: 'request', dataset: { notificationId: notification.id, taskId: notification.taskId } },
        h(
          'div',
          { class: 'request-head' },
          h('h2', {}, h('code', {}, notification.tool), ' for ', h('a', { href: `#/tasks/${encodeURIComponent(notification.taskId)}` }, title)),
          h('span', { class: 'muted' }, `asked ${formatTime(notification.createdAt)}`),
        ),
        toolArguments(notification.tool, notification.input ?? {}),
        approvalButtons(notification, refresh, title),
      );
    }),
  );
}

function renderRules(container, rules, refresh) {
  if (rules.length === 0) {
    container.replaceChildren(h('p', { class: 'empty' }, 'No rules yet: every gated call asks first.'));
    return;
  }
  container.replaceChildren(
    h(
      'table',
      { class: 'table rules' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Tool'), h('th', { scope: 'col' }, 'Matches'), h('th', { scope: 'col' }, 'Since'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
      h(
        'tbody',
        {},
        rules.map((rule) => {
          const revoke = h('button', { type: 'button', class: 'danger', 'aria-label': `Revoke the rule for ${describeRule(rule)}` }, 'Revoke');
          revoke.addEventListener('click', () =>
            withBusy(revoke, async () => {
              await api('DELETE', `/api/settings/permissions/${encodeURIComponent(rule.id)}`);
              toast(`Revoked: ${describeRule(rule)} asks again.`);
              refresh();
            }),
          );
          return h(
            'tr',
            { dataset: { ruleId: rule.id } },
            h('td', {}, h('code', {}, rule.tool)),
            h('td', {}, rule.pattern ? h('code', {}, rule.pattern) : h('span', { class: 'muted' }, 'every call')),
            h('td', {}, formatTime(rule.createdAt)),
            h('td', {}, revoke),
          );
        }),
      ),
    ),
  );
}
