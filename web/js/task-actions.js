import { api } from './api.js';
import { h, toast, withBusy } from './dom.js';
import { ACTIVE_STATUSES } from './format.js';

/** Execute (or run again) and Cancel, for a card or the task page; `after` refreshes the caller. */
export function taskActionButtons(task, after) {
  const active = ACTIVE_STATUSES.includes(task.status);
  if (active) {
    const cancel = h('button', { type: 'button', class: 'danger', 'aria-label': `Cancel ${task.title}` }, 'Cancel');
    cancel.addEventListener('click', () =>
      withBusy(cancel, async () => {
        await api('POST', `/api/tasks/${task.id}/cancel`);
        toast(`Cancelled “${task.title}”.`);
        after();
      }),
    );
    return [cancel];
  }
  const label = task.status === 'created' ? 'Execute' : 'Run again';
  const execute = h('button', { type: 'button', class: 'primary', 'aria-label': `${label} ${task.title}` }, label);
  execute.addEventListener('click', () =>
    withBusy(execute, async () => {
      const accepted = await api('POST', `/api/tasks/${task.id}/execute`);
      toast(`Queued “${task.title}”${accepted.simulated ? ' on the simulator' : ''}.`);
      after();
    }),
  );
  return [execute];
}
