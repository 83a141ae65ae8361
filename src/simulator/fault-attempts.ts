/** Counts attempts per scenario, conversation and turn, so a fault can fail only the first `times` of them. */
export class FaultAttempts {
  private readonly attempts = new Map<string, number>();

  /** Records one attempt; true when the fault applies to it (`times` omitted means always). */
  applies(key: string, times: number | undefined): boolean {
    const earlier = this.attempts.get(key) ?? 0;
    this.attempts.set(key, earlier + 1);
    return times === undefined || earlier < times;
  }
}
