import { h } from './dom.js';

/**
 * A tool call's arguments the way a reviewer wants to read them: file changes as diffs,
 * shell commands as commands, anything else as JSON.
 */
export function toolArguments(tool, input) {
  if (tool === 'Write' && typeof input.content === 'string') {
    return h('div', { class: 'tool-args' }, filePath(input.file_path), diff([], lines(input.content)));
  }
  if (tool === 'Edit' && typeof input.old_string === 'string' && typeof input.new_string === 'string') {
    return h(
      'div',
      { class: 'tool-args' },
      filePath(input.file_path, input.replace_all ? 'every occurrence' : undefined),
      diff(lines(input.old_string), lines(input.new_string)),
    );
  }
  if (tool === 'Bash' && typeof input.command === 'string') {
    return h(
      'div',
      { class: 'tool-args' },
      input.description ? h('p', { class: 'muted' }, input.description) : null,
      h('pre', { class: 'command' }, h('code', {}, `$ ${input.command}`)),
    );
  }
  return h('div', { class: 'tool-args' }, h('pre', { class: 'json' }, JSON.stringify(input, null, 2)));
}

function filePath(path, note) {
  return h('p', { class: 'file-path' }, h('code', {}, String(path ?? '(no path)')), note ? h('span', { class: 'muted' }, ` — ${note}`) : null);
}

function lines(text) {
  const split = text.split('\n');
  // A trailing newline ends the last line; it does not start an empty one.
  if (split.length > 1 && split.at(-1) === '') split.pop();
  return split;
}

function diff(removed, added) {
  return h(
    'pre',
    { class: 'diff', 'aria-label': `${removed.length} line${removed.length === 1 ? '' : 's'} removed, ${added.length} added` },
    removed.map((line) => h('span', { class: 'del' }, `-${line}`)),
    added.map((line) => h('span', { class: 'add' }, `+${line}`)),
  );
}
