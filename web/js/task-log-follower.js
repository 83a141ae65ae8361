import { api, streamUrl } from './api.js';
import { ACTIVE_STATUSES, TERMINAL_STATUSES } from './format.js';

const TAIL_SIZE = 200;

/**
 * A task's log: the tail first (long logs load fast), then the live SSE stream after the last id.
 * EventSource resumes with Last-Event-ID by itself after a blip or a server restart; ids are still
 * checked here so nothing is ever shown twice.
 */
export class TaskLogFollower {
  constructor(taskId, { onAppend, onPrepend, onState }) {
    this.taskId = taskId;
    this.onAppend = onAppend;
    this.onPrepend = onPrepend;
    this.onState = onState;
    this.firstId = Infinity;
    this.lastId = 0;
    this.count = 0;
    this.source = undefined;
    this.stopped = false;
    this.hasEarlier = false;
  }

  async start() {
    const tail = await api('GET', `/api/tasks/${this.taskId}/logs/tail?limit=${TAIL_SIZE}`);
    this.hasEarlier = tail.length === TAIL_SIZE;
    this.append(tail);
    this.openStream();
  }

  /** Fetches a longer tail and hands over what lies before the first shown entry. */
  async loadEarlier() {
    const wanted = Math.min(5000, this.count + TAIL_SIZE);
    const tail = await api('GET', `/api/tasks/${this.taskId}/logs/tail?limit=${wanted}`);
    const earlier = tail.filter((entry) => entry.id < this.firstId);
    this.hasEarlier = tail.length === wanted && wanted < 5000;
    if (earlier.length > 0) {
      this.firstId = earlier[0].id;
      this.count += earlier.length;
      this.onPrepend(earlier);
    }
  }

  /** After a new run starts (here or elsewhere): follow it from where the page is. */
  resume() {
    if (!this.source && !this.stopped) this.openStream();
  }

  stop() {
    this.stopped = true;
    this.closeStream();
  }

  append(entries) {
    const fresh = entries.filter((entry) => entry.id > this.lastId);
    if (fresh.length === 0) return;
    this.firstId = Math.min(this.firstId, fresh[0].id);
    this.lastId = fresh.at(-1).id;
    this.count += fresh.length;
    this.onAppend(fresh);
  }

  openStream() {
    const source = new EventSource(streamUrl(`/api/tasks/${this.taskId}/logs?after=${this.lastId}`));
    this.source = source;
    this.onState('connecting');
    source.onopen = () => this.onState('live');
    source.onmessage = (message) => {
      const entry = JSON.parse(message.data);
      this.append([entry]);
      if (entry.type === 'status' && TERMINAL_STATUSES.includes(entry.status)) this.checkFinished();
    };
    source.onerror = () => {
      if (source.readyState !== EventSource.CLOSED) {
        this.onState('reconnecting');
        return;
      }
      // Closed for good: a 204 (finished, nothing new) or an error status. Retry only if the task still runs.
      this.closeStream();
      this.checkFinished(true);
    };
  }

  /** The stream ends with the latest run; an older run's end is just another entry. */
  async checkFinished(retryIfActive = false) {
    let task;
    try {
      task = await api('GET', `/api/tasks/${this.taskId}`);
    } catch {
      if (retryIfActive && !this.stopped) setTimeout(() => this.resume(), 1000);
      return;
    }
    if (ACTIVE_STATUSES.includes(task.status)) {
      if (retryIfActive && !this.stopped) setTimeout(() => this.resume(), 1000);
      return;
    }
    this.closeStream();
    this.onState('ended');
  }

  closeStream() {
    this.source?.close();
    this.source = undefined;
  }
}
