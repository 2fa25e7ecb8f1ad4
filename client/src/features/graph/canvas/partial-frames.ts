import type { Core, EventObject } from "cytoscape";
import { renderLoopOf } from "./cytoscape-internals";

/**
 * While a picture is created slice by slice, a half-made one is drawn at most this often: often
 * enough that a big graph is seen to grow, rarely enough that drawing the half-made picture
 * (every element again, each frame) does not cost more than creating it. At 300 nodes the
 * frames between slices took a fifth of the time to the finished picture.
 */
export const PARTIAL_FRAME_MS = 500;

/** A person moving the view or a node: from then on every frame is drawn, as they expect. */
const GESTURES = "dragpan scrollzoom pinchzoom grab drag";

/**
 * Paces the frames drawn between slices of element creation. The frames until the first one
 * drawn after creation began (what the view shows, created first) are not skipped; after it,
 * frames are skipped until PARTIAL_FRAME_MS have passed since the last one drawn (cytoscape's
 * `render` event). A pan, zoom or drag during creation, or the end of creation, stops the
 * skipping: a person moving the view sees every frame, and the finished picture is drawn on
 * the next frame.
 */
export class PartialFrames {
  readonly #clock: () => number;
  #cy: Core | null = null;
  #lastDrawnAt: number | null = null;
  #moved = false;

  constructor(clock: () => number = () => performance.now()) {
    this.#clock = clock;
  }

  readonly #onRender = () => {
    this.#lastDrawnAt = this.#clock();
  };

  readonly #onGesture = (event: EventObject) => {
    this.#moved = true;
    const loop = renderLoopOf(event.cy);
    if (loop) loop.skipFrame = false;
  };

  /** A slice was created and more follow after yielding to the page. */
  sliceDone(cy: Core): void {
    if (this.#cy !== cy) this.#watch(cy);
    if (this.#moved || this.#lastDrawnAt === null) return;
    if (this.#clock() - this.#lastDrawnAt >= PARTIAL_FRAME_MS) return;
    const loop = renderLoopOf(cy);
    if (loop) loop.skipFrame = true;
  }

  /** Creation ended: nothing more is skipped, and the next creation starts afresh. */
  done(cy: Core): void {
    this.#unwatch();
    const loop = renderLoopOf(cy);
    if (loop) loop.skipFrame = false;
  }

  #watch(cy: Core): void {
    this.#unwatch();
    this.#cy = cy;
    cy.on("render", this.#onRender);
    cy.on(GESTURES, this.#onGesture);
  }

  #unwatch(): void {
    const cy = this.#cy;
    if (cy && !cy.destroyed()) {
      cy.off("render", this.#onRender);
      cy.off(GESTURES, this.#onGesture);
    }
    this.#cy = null;
    this.#lastDrawnAt = null;
    this.#moved = false;
  }
}
