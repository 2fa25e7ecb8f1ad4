import type { GraphSnapshot } from "../../../lib/graph-types";
import type { Expansion, ExpansionStats } from "../model/expansion";

export interface ExpansionState {
  /** Null until the first expansion has published. */
  snapshot: GraphSnapshot | null;
  stats: ExpansionStats;
  /** Nothing is pending (failed lookups count as settled). */
  settled: boolean;
  /**
   * The view the snapshot was read for (root, depth, cap, upstream relationships); null before
   * the first expansion has published. Right after the view changes, the state still holds the
   * old view's graph until the new expansion publishes, and this says so.
   */
  key: string | null;
}

export const SETTLED_MARK = "casegraph:settled";

const NO_STATS: ExpansionStats = { entities: 0, links: 0, pending: 0, failed: 0, leftOut: 0 };
const EMPTY: ExpansionState = { snapshot: null, stats: NO_STATS, settled: false, key: null };

type Schedule = (callback: () => void) => () => void;

/** One publication per animation frame: thousands of answers make a few renders, not thousands. */
export const nextFrame: Schedule = (callback) => {
  if (typeof requestAnimationFrame === "function") {
    const handle = requestAnimationFrame(() => callback());
    return () => cancelAnimationFrame(handle);
  }
  const handle = setTimeout(callback, 16);
  return () => clearTimeout(handle);
};

/**
 * Sits between an Expansion and React: runs one expansion at a time, publishes its snapshot at
 * most once per frame, and records a performance mark each time the graph settles.
 */
export class ExpansionStore {
  readonly #schedule: Schedule;
  readonly #listeners = new Set<() => void>();
  #current: Expansion | null = null;
  #currentKey: string | null = null;
  #state: ExpansionState = EMPTY;
  #cancelFrame: (() => void) | null = null;
  /** Keep showing the previous graph until the new expansion settles (a refresh). */
  #holding = false;
  #markedSettle = false;
  /** Nodes expanded in the current view, replayed when the same view runs again. */
  readonly #expanded = new Set<string>();

  constructor(schedule: Schedule = nextFrame) {
    this.#schedule = schedule;
  }

  /**
   * Starts the expansion and shows its answers. Running the same `key` again (a refresh, or
   * StrictMode's second effect) keeps the old graph visible until the new one has settled.
   * Returns the cleanup that disposes it.
   */
  run(expansion: Expansion, key: string): () => void {
    this.#current?.dispose();
    if (key !== this.#currentKey) this.#expanded.clear();
    this.#holding = key === this.#currentKey && this.#state.snapshot !== null;
    this.#current = expansion;
    this.#currentKey = key;
    this.#markedSettle = false;
    const unsubscribe = expansion.subscribe(() => {
      // Seen on every change, not per frame, so a settle that comes and goes within one frame
      // still counts as a new one.
      if (!expansion.isSettled()) this.#markedSettle = false;
      this.#requestPublish();
    });
    expansion.start();
    // A re-read of the same view keeps what the person expanded.
    for (const expanded of this.#expanded) expansion.expand(expanded);
    this.#requestPublish();
    return () => {
      unsubscribe();
      expansion.dispose();
      if (this.#current === expansion) {
        this.#current = null;
        this.#cancelFrame?.();
        this.#cancelFrame = null;
      }
    };
  }

  /** Forgets the graph, for when there is no root to expand. */
  clear(): void {
    this.#currentKey = null;
    this.#expanded.clear();
    this.#set(EMPTY);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  getSnapshot = (): ExpansionState => this.#state;

  expand = (key: string): void => {
    this.#expanded.add(key);
    this.#current?.expand(key);
  };

  expandId = (id: string): void => this.#current?.expandId(id);

  retry = (key: string): void => this.#current?.retry(key);

  #requestPublish(): void {
    this.#cancelFrame ??= this.#schedule(() => {
      this.#cancelFrame = null;
      this.#publish();
    });
  }

  #publish(): void {
    const expansion = this.#current;
    if (!expansion) return;
    const settled = expansion.isSettled();
    if (settled) this.#holding = false;
    const stats = expansion.stats();
    if (settled && !this.#markedSettle) {
      performance.mark(SETTLED_MARK, { detail: { entities: stats.entities, links: stats.links } });
    }
    if (settled) this.#markedSettle = true;
    // While holding, the counts already tell that a refresh is under way.
    const snapshot = this.#holding ? this.#state.snapshot : expansion.getSnapshot();
    this.#set({ snapshot, stats, settled, key: this.#currentKey });
  }

  #set(state: ExpansionState): void {
    if (state === this.#state) return;
    this.#state = state;
    for (const listener of [...this.#listeners]) listener();
  }
}
