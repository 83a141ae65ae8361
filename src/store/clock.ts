/** ISO-8601 timestamp with milliseconds; sortable as text on both engines. */
export function now(): string {
  return new Date().toISOString();
}

export function secondsFromNow(seconds: number): string {
  return new Date(Date.now() + seconds * 1000).toISOString();
}
