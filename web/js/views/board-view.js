import { api } from '../api.js';
import { debounce, h, toast } from '../dom.js';
import { statusLabel } from '../format.js';
import { onLiveEvent } from '../live-events.js';
import { taskActionButtons } from '../task-actions.js';
import { openBatchDialog, openNewTaskDialog } from '../task-form.js';

/** Interrupted runs sit with the failed ones: both need a person to look. */
const COLUMNS = [
  { title: 'Created', statuses: ['created'] },
  { title: 'Queued', statuses: ['queued'] },
  { title: 'Running', statuses: ['running'] },
  { title: 'Waiting for approval', statuses: ['waiting_approval'] },
  { title: 'Completed', statuses: ['completed'] },
  { title: 'Failed', statuses: ['failed'] },
  { title: 'Cancelled', statuses: ['cancelled'] },
];

/** Tasks the profile smoke tests create; hidden unless asked for, they are checks, not work. */
const SMOKE_TITLE_PREFIX = '[smoke] ';

export function renderBoard(container) {
  const columns = h('div', { class: 'board', id: 'board' });
  const showSmoke = h('input', { type: 'checkbox', id: 'show-smoke' });
  const refresh = async () => {
    try {
      const tasks = await api('GET', '/api/tasks');
      renderColumns(columns, showSmoke.checked ? tasks : tasks.filter((task) => !task.title.startsWith(SMOKE_TITLE_PREFIX)), refreshSoon);
    } catch (error) {
      toast(error.message, 'error');
    }
  };
  const refreshSoon = debounce(refresh, 200);
  showSmoke.addEventListener('change', refresh);
  const newTask = h('button', { type: 'button', class: 'primary', onclick: () => openNewTaskDialog(refreshSoon).catch(report) }, 'New task');
  const batch = h('button', { type: 'button', onclick: () => openBatchDialog(refreshSoon).catch(report) }, 'Create many…');
  container.append(
    h('div', { class: 'page-head' }, h('h1', {}, 'Board'), h('div', { class: 'toolbar' }, h('span', { class: 'checkbox-inline' }, showSmoke, h('label', { for: showSmoke.id }, 'Show smoke tests')), newTask, batch)),
    columns,
  );
  refresh();
  return onLiveEvent((event) => {
    if (event.kind === 'task' || event.kind === 'resync') refreshSoon();
  });
}

function renderColumns(board, tasks, refresh) {
  // Keep focus on the same button across a refresh, so keyboard users don't lose their place.
  const focusedLabel = board.contains(document.activeElement) ? document.activeElement.getAttribute('aria-label') : null;
  board.replaceChildren(
    ...COLUMNS.map((column) => {
      const inColumn = tasks
        .filter((task) => column.statuses.includes(task.status))
        .sort((a, b) => a.priority - b.priority || b.createdAt.localeCompare(a.createdAt));
      const headingId = `column-${column.statuses[0]}`;
      return h(
        'section',
        { class: 'column', 'aria-labelledby': headingId, dataset: { status: column.statuses[0] } },
        h('h2', { id: headingId }, column.title, h('span', { class: 'count' }, String(inColumn.length))),
        inColumn.length === 0
          ? h('p', { class: 'empty' }, 'Nothing here.')
          : h('ul', { class: 'cards' }, inColumn.map((task) => taskCard(task, refresh))),
      );
    }),
  );
  if (focusedLabel) board.querySelector(`[aria-label="${CSS.escape(focusedLabel)}"]`)?.focus();
}

function taskCard(task, refresh) {
  return h(
    'li',
    { class: 'card', dataset: { taskId: task.id, status: task.status } },
    h('a', { class: 'card-title', href: `#/tasks/${encodeURIComponent(task.id)}` }, task.title),
    h(
      'p',
      { class: 'meta' },
      h('span', { class: `pill status-${task.status}` }, statusLabel(task.status)),
      h('span', { title: 'Priority (1 is most urgent)' }, `P${task.priority}`),
      h('span', {}, task.assignedAgent),
      h('span', {}, task.agentProfile),
    ),
    h('div', { class: 'card-actions' }, taskActionButtons(task, refresh)),
  );
}

function report(error) {
  toast(error.message, 'error');
}
