import { h } from './dom.js';

let dialogCount = 0;

/** A modal <dialog>: Esc and the Close button dismiss it, focus returns where it was. */
export function openDialog(title, ...content) {
  const titleId = `dialog-title-${++dialogCount}`;
  const opener = document.activeElement;
  const dialog = h(
    'dialog',
    { 'aria-labelledby': titleId },
    h(
      'div',
      { class: 'dialog-head' },
      h('h2', { id: titleId }, title),
      h('button', { type: 'button', class: 'link close', 'aria-label': 'Close', onclick: () => dialog.close() }, '×'),
    ),
    ...content,
  );
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (opener instanceof HTMLElement) opener.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}
