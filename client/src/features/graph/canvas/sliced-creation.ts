import type { Core, ElementDefinition } from "cytoscape";
import { addReadyToDraw } from "./add-ready-to-draw";
import { PartialFrames } from "./partial-frames";

/**
 * Creating elements (with their styles, labels and edge geometry) stops after this long in one
 * task and goes on after yielding, so the page answers input and no task grows long.
 */
export const ADD_SLICE_MS = 30;
/**
 * On a graph this big each frame cytoscape draws between two slices costs tens of ms by itself
 * (it sorts every element by z-order again), so fewer, longer slices finish sooner; 90 ms keeps
 * every task well under the 200 ms such a graph is allowed.
 */
const BIG_GRAPH_ELEMENTS = 5_000;
const BIG_ADD_SLICE_MS = 90;
/** Elements created between two looks at the clock. */
const ADD_STEP = 40;

/** Lets the page handle input and paint, then goes on (before timers where the browser can). */
function yieldToPage(callback: () => void): void {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === "function") void scheduler.yield().then(callback);
  else setTimeout(callback, 0);
}

export interface SlicedCreationHooks {
  /** The queue was made for data or positions that have changed since: draw afresh instead. */
  redraw(): void;
  /** A slice after a yield is done (the last one included). */
  afterSlice(): void;
}

/** The event a Core emits when a draw's last slice is created, or its queue is dropped. */
export const CREATED_EVENT = "casegraph:created";

/** Cores with a draw's elements still being created, slice by slice. */
const creating = new WeakSet<Core>();

/**
 * Whether `cy` is in the middle of creating a draw's elements: work that looks at the whole
 * picture (link detours) waits for CREATED_EVENT rather than redo itself after every slice.
 */
export function creationPending(cy: Core): boolean {
  return creating.has(cy);
}

/** What one draw left to create, and whether it still stands. */
interface Queue {
  fresh: readonly ElementDefinition[];
  next: number;
  current: () => boolean;
}

/**
 * Creates a draw's new elements in slices of ADD_SLICE_MS, those nearest the middle of the view
 * first, yielding to the page between slices; the frames in between mostly skip drawing the
 * half-made picture (partial-frames.ts).
 */
export class SlicedCreation {
  #queue: Queue | null = null;
  #yielding = false;
  readonly #partialFrames = new PartialFrames();

  constructor(
    private readonly cy: Core,
    private readonly hooks: SlicedCreationHooks,
  ) {}

  /** Elements are still waiting to be created, after a yield. */
  get busy(): boolean {
    return this.#yielding;
  }

  /**
   * Replaces what is queued with `nodes` (each with its position) and `edges`, and creates them
   * until ADD_SLICE_MS after `started` (the start of the task); the rest follow after yielding,
   * as long as `current` says the data and positions they were made from still stand.
   */
  create(
    nodes: ElementDefinition[],
    edges: readonly ElementDefinition[],
    started: number,
    current: () => boolean,
  ): void {
    this.#queue = { fresh: [...this.#nearestFirst(nodes), ...edges], next: 0, current };
    // A draw with nothing to create (new data or classes only) is no creation to wait for; it
    // still ends one that was pending, which it replaces.
    if (this.#queue.fresh.length > 0) creating.add(this.cy);
    this.#createMore(started);
  }

  /**
   * Creates what is queued for ADD_SLICE_MS, then yields and goes on. While the queue stands it
   * is simply worked through; otherwise the next slice starts with a fresh draw, which queues
   * again.
   */
  #createMore(started: number): void {
    const queue = this.#queue;
    if (!queue) return;
    try {
      queue.next += this.#createFor(queue.fresh, queue.next, started);
    } catch (error) {
      // cytoscape refused an element: the draw is over, and nothing may wait for it for ever.
      this.#finish();
      throw error;
    }
    if (queue.next >= queue.fresh.length) {
      this.#finish();
      this.#partialFrames.done(this.cy);
      return;
    }
    // The frames between slices would each draw the half-made picture again: only some of them
    // do (PARTIAL_FRAME_MS says how often, and why).
    this.#partialFrames.sliceDone(this.cy);
    if (this.#yielding) return;
    this.#yielding = true;
    yieldToPage(() => {
      this.#yielding = false;
      if (this.cy.destroyed()) return;
      if (this.#queue?.current()) this.#createMore(performance.now());
      else {
        // The queue was made for data or positions that have changed: it ends here, and the
        // fresh draw queues again if it has anything to create.
        this.#finish();
        this.hooks.redraw();
      }
      this.hooks.afterSlice();
    });
  }

  /** Nothing is left to create: whoever waited for the whole picture may look at it now. */
  #finish(): void {
    this.#queue = null;
    if (!creating.delete(this.cy)) return;
    this.cy.emit(CREATED_EVENT);
  }

  /** New nodes by distance from the middle of the view: what the person looks at comes first. */
  #nearestFirst(nodes: ElementDefinition[]): ElementDefinition[] {
    if (nodes.length <= ADD_STEP) return nodes;
    const view = this.cy.extent();
    const cx = (view.x1 + view.x2) / 2;
    const cy = (view.y1 + view.y2) / 2;
    const distance = (d: ElementDefinition) =>
      d.position ? Math.hypot(d.position.x - cx, d.position.y - cy) : Number.POSITIVE_INFINITY;
    return nodes
      .map((d) => ({ d, far: distance(d) }))
      .sort((a, b) => a.far - b.far)
      .map(({ d }) => d);
  }

  /**
   * Creates elements in order until the slice has passed since `started`, at least one step (so
   * a slow start of the task still puts something on screen); returns how many. Their styles,
   * labels and edge geometry are computed here, once (add-ready-to-draw.ts), so the frame that
   * paints them has only drawing left to do.
   */
  #createFor(fresh: readonly ElementDefinition[], from: number, started: number): number {
    let done = from;
    const big = this.cy.elements().length + fresh.length - from > BIG_GRAPH_ELEMENTS;
    const slice = big ? BIG_ADD_SLICE_MS : ADD_SLICE_MS;
    while (done < fresh.length && (done === from || performance.now() - started < slice)) {
      const step = fresh.slice(done, done + ADD_STEP);
      addReadyToDraw(this.cy, step);
      done += step.length;
    }
    return done - from;
  }
}
