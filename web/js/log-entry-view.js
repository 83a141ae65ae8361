import { h } from './dom.js';
import { formatCost, formatTokens, statusLabel } from './format.js';
import { toolArguments } from './tool-call-view.js';

const DECISION_SOURCES = {
  auto_approve: 'auto-approved by the profile',
  auto_deny: 'denied by the profile',
  not_allowed: 'not among the profile’s tools',
  outside_workspace: 'outside the task’s workspace',
  always_allow: 'an Always Allow rule',
  human: 'a person',
  cancelled: 'the task was cancelled',
};

/**
 * One log entry as a list item carrying its id (data-entry-id), so reconnects can be checked for gaps.
 * Permission requests get an empty `.approval-slot` the task page fills while the request is pending.
 */
export function renderLogEntry(entry) {
  const time = new Date(entry.createdAt).toLocaleTimeString(undefined, { hour12: false });
  return h(
    'li',
    { class: `entry entry-${entry.type}`, dataset: { entryId: String(entry.id), executionId: entry.executionId } },
    h('span', { class: 'entry-time' }, h('time', { datetime: entry.createdAt }, time)),
    h('div', { class: 'entry-body' }, ...entryBody(entry)),
  );
}

function entryBody(entry) {
  switch (entry.type) {
    case 'status':
      return [
        h('p', {}, h('span', { class: `pill status-${entry.status}` }, statusLabel(entry.status)), entry.simulated ? h('span', { class: 'pill simulated' }, 'simulator') : null, entry.message ? ` ${entry.message}` : ''),
      ];
    case 'assistant_text':
      return [h('p', { class: 'label' }, 'Agent'), h('div', { class: 'assistant-text' }, entry.text)];
    case 'tool_use':
      return [h('p', { class: 'label' }, 'Tool call ', h('code', {}, entry.tool)), toolArguments(entry.tool, entry.input ?? {})];
    case 'tool_result':
      return [
        h('p', { class: 'label' }, entry.isError ? 'Tool error ' : 'Tool result ', h('code', {}, entry.tool)),
        h('pre', { class: `tool-output${entry.isError ? ' is-error' : ''}` }, entry.output || '(no output)'),
      ];
    case 'permission_request':
      return [
        h('p', { class: 'label' }, 'Permission needed for ', h('code', {}, entry.tool)),
        h('div', { class: 'approval-slot', dataset: { notificationId: entry.notificationId } }),
      ];
    case 'permission_decision':
      return [
        h(
          'p',
          {},
          h('span', { class: `pill decision-${entry.decision}` }, entry.decision === 'allow' ? 'Allowed' : 'Denied'),
          ` ${entry.tool} — ${DECISION_SOURCES[entry.source] ?? entry.source}`,
          entry.message ? h('span', { class: 'muted' }, `: “${entry.message}”`) : null,
        ),
      ];
    case 'usage':
      return [
        h(
          'p',
          { class: 'usage' },
          `Usage: ${formatTokens(entry.inputTokens)} in, ${formatTokens(entry.outputTokens)} out`,
          entry.cacheReadTokens ? `, ${formatTokens(entry.cacheReadTokens)} cached` : '',
          ` · ${formatCost(entry.costUsd)}`,
          entry.model ? ` · ${entry.model}` : '',
        ),
      ];
    case 'error':
      return [h('p', { class: 'label' }, 'Error', entry.code ? ` (${entry.code})` : ''), h('pre', { class: 'tool-output is-error' }, entry.message)];
    case 'result':
      return [h('p', { class: 'label' }, 'Result'), h('div', { class: 'result-text' }, entry.output)];
    default:
      return [h('pre', { class: 'json' }, JSON.stringify(entry, null, 2))];
  }
}
