import { api } from '../api.js';
import { approvalButtons } from '../approval-buttons.js';
import { debounce, fact, h, toast, withBusy } from '../dom.js';
import { ACTIVE_STATUSES, formatCost, formatTime, formatTokens, statusLabel } from '../format.js';
import { onLiveEvent } from '../live-events.js';
import { renderLogEntry } from '../log-entry-view.js';
import { taskActionButtons } from '../task-actions.js';
import { TaskLogFollower } from '../task-log-follower.js';

const STREAM_STATES = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting… (nothing will be missed)',
  ended: 'Finished',
};

export function renderTask(container, taskId) {
  const summary = h('div', { class: 'task-summary' });
  const streamState = h('span', { class: 'stream-state', role: 'status', 'aria-live': 'polite' });
  const log = h('ol', { class: 'log', id: 'log', 'aria-label': 'Task log' });
  const earlier = h('button', { type: 'button', class: 'link', hidden: true }, 'Load earlier entries');
  container.append(
    h('p', {}, h('a', { href: '#/board' }, '← Board')),
    summary,
    h('section', { class: 'log-section', 'aria-labelledby': 'log-title' }, h('div', { class: 'section-head' }, h('h2', { id: 'log-title' }, 'Log'), streamState), earlier, log),
  );

  let pending = new Map();
  const fillApprovalSlots = () => {
    for (const slot of log.querySelectorAll('.approval-slot')) {
      const notification = pending.get(slot.dataset.notificationId);
      if (!notification) slot.replaceChildren();
      else if (!slot.hasChildNodes()) slot.append(approvalButtons(notification, refreshAll));
    }
  };
  const refreshPending = async () => {
    const list = await api('GET', `/api/notifications?status=pending&taskId=${encodeURIComponent(taskId)}`);
    pending = new Map(list.map((notification) => [notification.id, notification]));
    fillApprovalSlots();
  };

  let task;
  const refreshSummary = async () => {
    task = await api('GET', `/api/tasks/${encodeURIComponent(taskId)}`);
    document.title = `${task.title} — Forge`;
    renderSummary(summary, task, () => {
      refreshAll();
      follower.resume();
    });
  };
  const refreshAll = debounce(() => Promise.all([refreshSummary(), refreshPending()]).catch((error) => toast(error.message, 'error')), 150);

  const follower = new TaskLogFollower(taskId, {
    onAppend(entries) {
      const stickToBottom = window.innerHeight + window.scrollY >= document.body.scrollHeight - 80;
      let previous = log.lastElementChild?.dataset.executionId;
      for (const entry of entries) {
        log.append(markNewRun(renderLogEntry(entry), previous));
        previous = entry.executionId;
      }
      fillApprovalSlots();
      if (entries.some((entry) => entry.type === 'status' || entry.type === 'permission_decision' || entry.type === 'permission_request')) refreshAll();
      if (stickToBottom) window.scrollTo(0, document.body.scrollHeight);
    },
    onPrepend(entries) {
      const items = [];
      let previous;
      for (const entry of entries) {
        items.push(markNewRun(renderLogEntry(entry), previous));
        previous = entry.executionId;
      }
      const firstShown = log.firstElementChild;
      if (firstShown) markNewRun(firstShown, previous);
      log.prepend(...items);
      fillApprovalSlots();
    },
    onState(state) {
      streamState.textContent = STREAM_STATES[state];
      streamState.dataset.state = state;
    },
  });
  earlier.addEventListener('click', () =>
    withBusy(earlier, async () => {
      await follower.loadEarlier();
      earlier.hidden = !follower.hasEarlier;
    }),
  );

  Promise.all([refreshSummary(), refreshPending()])
    .then(() => follower.start())
    .then(() => {
      earlier.hidden = !follower.hasEarlier;
    })
    .catch((error) => {
      summary.replaceChildren(h('h1', {}, 'Task not available'), h('p', { class: 'form-error' }, error.message));
    });

  const unsubscribe = onLiveEvent((event) => {
    const mine =
      event.kind === 'resync' ||
      (event.kind === 'task' && event.taskId === taskId) ||
      (event.kind === 'notification' && event.notification.taskId === taskId);
    if (!mine) return;
    refreshAll();
    if (event.kind === 'task' && ACTIVE_STATUSES.includes(event.status)) follower.resume();
  });
  return () => {
    unsubscribe();
    follower.stop();
    document.title = 'Forge';
  };
}

/** A divider where a new run of the task begins. */
function markNewRun(item, previousExecutionId) {
  item.classList.toggle('new-run', previousExecutionId !== undefined && previousExecutionId !== item.dataset.executionId);
  return item;
}

function renderSummary(summary, task, afterAction) {
  const execution = task.execution;
  const usage = execution?.usage;
  const parts = [
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, task.title),
      h('div', { class: 'toolbar' }, h('span', { class: `pill status-${task.status}`, id: 'task-status' }, statusLabel(task.status)), taskActionButtons(task, afterAction)),
    ),
    h(
      'dl',
      { class: 'facts' },
      fact('Runtime', task.assignedAgent, execution?.simulated ? h('span', { class: 'pill simulated' }, 'simulator') : null),
      fact('Profile', h('a', { href: `#/profiles/${encodeURIComponent(task.agentProfile)}` }, task.agentProfile)),
      fact('Priority', `P${task.priority}`),
      fact('Created', formatTime(task.createdAt)),
      usage ? fact('Usage', `${formatTokens(usage.inputTokens)} in · ${formatTokens(usage.outputTokens)} out · ${formatCost(usage.costUsd)}`) : null,
    ),
    task.description ? h('div', { class: 'description' }, task.description) : null,
    execution?.result ? h('section', { class: 'outcome ok', 'aria-label': 'Result' }, h('h2', {}, 'Result'), h('div', { class: 'result-text' }, execution.result)) : null,
    execution?.error ? h('section', { class: 'outcome bad', 'aria-label': 'Error' }, h('h2', {}, 'Error'), h('p', {}, execution.error)) : null,
  ];
  summary.replaceChildren(...parts.filter(Boolean));
}
