export const STATUS_LABELS = {
  created: 'Created',
  queued: 'Queued',
  running: 'Running',
  waiting_approval: 'Waiting for approval',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

export const ACTIVE_STATUSES = ['queued', 'running', 'waiting_approval'];
export const TERMINAL_STATUSES = ['completed', 'failed', 'cancelled'];

export function statusLabel(status) {
  return STATUS_LABELS[status] ?? status;
}

export function formatTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return date.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

export function formatCost(usd) {
  if (usd === undefined || usd === null) return 'cost not reported';
  return `$${usd < 0.01 && usd > 0 ? usd.toFixed(4) : usd.toFixed(2)}`;
}

export function formatTokens(n) {
  return (n ?? 0).toLocaleString();
}
