/** How long arrivals must pause before a layout runs again, and the most a layout waits. */
const QUIET_MS = 120;
const MAX_WAIT_MS = 1_000;
/**
 * The first picture waits this long at most for the data to settle: one picture of the whole
 * graph is better than a partial one that reshuffles straight away. Past it, what has arrived
 * is drawn and the rest streams in beside it.
 */
export const FIRST_PICTURE_PATIENCE_MS = 2_500;

/**
 * When a layout session's requests may compute: the first picture's patience, counted from
 * the first request, and afterwards the quiet moment that lets a growing graph cost a few
 * layouts instead of one per answer. One timer at a time: a quiet wait replaces any wait set,
 * a patience wait keeps one already set (which will ask again itself).
 */
export class LayoutTiming {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #firstWaitAt = 0;
  #firstRequestAt = 0;

  /** A layout was asked for; the first ask starts the first picture's patience. */
  requested(): void {
    if (this.#firstRequestAt === 0) this.#firstRequestAt = Date.now();
  }

  /** The first picture may still wait for the data to settle. */
  get patient(): boolean {
    return Date.now() - this.#firstRequestAt < FIRST_PICTURE_PATIENCE_MS;
  }

  /** Runs `then` once patience runs out, unless a wait is already set (it will ask then). */
  untilPatienceEnds(then: () => void): void {
    if (this.#timer !== undefined) return;
    const wait = Math.max(0, this.#firstRequestAt + FIRST_PICTURE_PATIENCE_MS - Date.now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      then();
    }, wait + 1);
  }

  /**
   * Runs `then` once asks pause for QUIET_MS, or MAX_WAIT_MS after the first ask of this
   * wait, whichever comes first; each ask before then restarts the quiet wait.
   */
  afterQuiet(then: () => void): void {
    const now = Date.now();
    if (this.#timer === undefined) this.#firstWaitAt = now;
    else clearTimeout(this.#timer);
    const wait = Math.min(QUIET_MS, Math.max(0, this.#firstWaitAt + MAX_WAIT_MS - now));
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      then();
    }, wait);
  }

  /** Drops the wait that is set, if any. */
  cancel(): void {
    if (this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
