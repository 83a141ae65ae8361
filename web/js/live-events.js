import { streamUrl } from './api.js';

/**
 * The one /api/events stream every page shares. Listeners get {kind:'task'|'notification'|'resync'};
 * 'resync' follows every (re)connect, because events missed while disconnected are not replayed.
 */
const listeners = new Set();
let source;

export function onLiveEvent(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function startLiveEvents(indicator) {
  const show = (text, state) => {
    indicator.textContent = text;
    indicator.dataset.state = state;
  };
  const open = () => {
    source = new EventSource(streamUrl('/api/events'));
    source.onopen = () => {
      show('Live', 'live');
      emit({ kind: 'resync' });
    };
    source.onmessage = (message) => emit(JSON.parse(message.data));
    source.onerror = () => {
      show('Reconnecting…', 'down');
      // EventSource retries by itself unless the server answered with an error status; then we retry.
      if (source.readyState === EventSource.CLOSED) setTimeout(open, 2000);
    };
  };
  open();
}

function emit(event) {
  for (const listener of listeners) listener(event);
}
