import type { Core } from "cytoscape";
import type { LayoutName } from "../../../lib/layout-names";

/** How long arrivals must pause before a layout runs again, and the most a layout waits. */
const QUIET_MS = 120;
const MAX_WAIT_MS = 1_000;

/** Runs one layout on the session's Core; resolves false when it did not finish. */
export type LayoutRunner = (cy: Core, name: LayoutName, fit: boolean) => Promise<boolean>;

/**
 * Layout bookkeeping for one cytoscape Core: at most one layout runs at a time and requests
 * made meanwhile coalesce into one more run, so a burst of arriving nodes cannot queue up
 * dozens of ELK jobs. Lives exactly as long as its Core.
 */
export class LayoutSession {
  /** A layout finished on this Core (new nodes can then start beside a neighbour). */
  laidOut = false;
  /** Nodes changed since the last finished layout. */
  due = false;
  /** The next layout fits the viewport: the first one, or after the user switched layouts. */
  fitNext = true;
  /**
   * While the graph streams in, each layout fits the whole graph, until the person moves the
   * viewport themselves: from then on their pan and zoom are kept.
   */
  follow = true;
  layoutName: LayoutName | null = null;
  private running = false;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstWaitAt = 0;

  constructor(
    private readonly cy: Core,
    private readonly runner: LayoutRunner,
  ) {}

  get busy(): boolean {
    return this.running;
  }

  /**
   * Asks for a layout. The first one runs at once, so the first answers show up laid out;
   * after that, while answers keep streaming in, requests wait for a quiet moment (or at most
   * MAX_WAIT_MS), so a growing graph costs a few layouts instead of one per answer.
   */
  request(): void {
    this.due = true;
    if (this.running) {
      this.again = true;
      return;
    }
    if (!this.laidOut) {
      void this.drain();
      return;
    }
    const now = Date.now();
    if (this.timer === undefined) this.firstWaitAt = now;
    else clearTimeout(this.timer);
    const wait = Math.min(QUIET_MS, Math.max(0, this.firstWaitAt + MAX_WAIT_MS - now));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.cy.destroyed()) return;
      if (this.running) this.again = true;
      else void this.drain();
    }, wait);
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      do {
        this.again = false;
        this.due = false;
        const fit = this.fitNext || this.follow;
        const finished = await this.runner(this.cy, this.layoutName ?? "layered", fit).catch(
          (error: unknown) => {
            // The graph stays usable where it is; the next change to it tries the layout again.
            console.error("casegraph: the layout failed", error);
            return false;
          },
        );
        if (this.cy.destroyed()) return;
        if (finished) {
          this.laidOut = true;
          if (fit) this.fitNext = false;
        } else {
          this.due = true;
        }
      } while (this.again);
    } finally {
      this.running = false;
    }
  }
}
