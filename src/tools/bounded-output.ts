/** Most characters one tool result may carry back to the model. */
export const MAX_OUTPUT_CHARS = 30_000;

/**
 * Collects text as it streams in but keeps only the start and the end (where errors and summaries
 * usually are), so a chatty command cannot flood memory or the model's context.
 */
export class BoundedOutput {
  private head = '';
  private tail = '';
  private totalChars = 0;

  constructor(private readonly maxChars = MAX_OUTPUT_CHARS) {}

  append(text: string): void {
    this.totalChars += text.length;
    const headRoom = this.halfLimit - this.head.length;
    if (headRoom > 0) {
      this.head += text.slice(0, headRoom);
      text = text.slice(headRoom);
    }
    this.tail += text;
    // Trim lazily so appending many small chunks stays cheap.
    if (this.tail.length > this.maxChars) this.tail = this.tail.slice(-this.halfLimit);
  }

  get isEmpty(): boolean {
    return this.totalChars === 0;
  }

  toString(): string {
    if (this.totalChars <= this.maxChars) return this.head + this.tail;
    const shownTail = this.tail.slice(-this.halfLimit);
    const omitted = this.totalChars - this.head.length - shownTail.length;
    return `${this.head}\n\n[... ${omitted} characters omitted; output was capped at ${this.maxChars} characters ...]\n\n${shownTail}`;
  }

  private get halfLimit(): number {
    return Math.floor(this.maxChars / 2);
  }
}
