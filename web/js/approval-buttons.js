import { api } from './api.js';
import { openDialog } from './dialog.js';
import { h, toast, withBusy } from './dom.js';

/**
 * Approve / Deny / Always Allow for one pending request. The agent waits on the answer, so it resumes
 * as soon as the POST returns. Fires `forge:answered` so the header count follows at once.
 */
export function approvalButtons(notification, onAnswered, taskTitle) {
  const answer = async (decision, message) => {
    const result = await api('POST', `/api/notifications/${notification.id}/respond`, { decision, message });
    document.dispatchEvent(new CustomEvent('forge:answered', { detail: result }));
    if (result.rule) toast(`Always allowing ${describeRule(result.rule)}.`);
    onAnswered(result);
  };
  const approve = h('button', { type: 'button', class: 'primary' }, 'Approve');
  approve.addEventListener('click', () => withBusy(approve, () => answer('approve')));
  const deny = h('button', { type: 'button', class: 'danger' }, 'Deny…');
  deny.addEventListener('click', () => openDenyDialog(notification, (message) => answer('deny', message)));
  const always = h('button', { type: 'button' }, 'Always Allow');
  always.title = 'Approve, and let identical calls through without asking from now on';
  always.addEventListener('click', () => withBusy(always, () => answer('always_allow')));
  return h('div', { class: 'approval-buttons', role: 'group', 'aria-label': `Answer the ${notification.tool} request${taskTitle ? ` of “${taskTitle}”` : ''}` }, approve, deny, always);
}

export function describeRule(rule) {
  return rule.pattern ? `${rule.tool} matching “${rule.pattern}”` : `every ${rule.tool} call`;
}

function openDenyDialog(notification, deny) {
  const message = h('textarea', { id: 'deny-message', rows: '3', placeholder: 'e.g. Write to notes/ instead.' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'danger' }, `Deny ${notification.tool}`);
  const form = h(
    'form',
    {},
    h('label', { for: message.id }, 'Message to the agent (optional)'),
    message,
    h('p', { class: 'hint' }, 'The agent reads this instead of the default “the user denied” note.'),
    error,
    h('div', { class: 'actions' }, submit),
  );
  const dialog = openDialog(`Deny ${notification.tool}?`, form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      await deny(message.value.trim() || undefined);
      dialog.close();
    } catch (failure) {
      error.textContent = failure.message;
      submit.disabled = false;
    }
  });
  message.focus();
}
