import type { Core } from "cytoscape";

/**
 * While a picture is created slice by slice, a half-made one is drawn at most this often: often
 * enough that a big graph is seen to grow and a pan is answered, rarely enough that drawing the
 * half-made picture (every element again, each frame) does not cost more than creating it.
 */
export const PARTIAL_FRAME_MS = 500;

/**
 * The part of cytoscape's renderer used here: its render loop draws a requested frame unless
 * `skipFrame` is set, and clears the flag on every frame. Not in cytoscape's typings; on a
 * renderer without a render loop (headless) the flag is set and never read.
 */
interface RenderLoop {
  skipFrame?: boolean;
}

function renderLoopOf(cy: Core): RenderLoop | null {
  const renderer = (cy as unknown as { renderer?(): unknown }).renderer?.();
  return typeof renderer === "object" && renderer !== null ? (renderer as RenderLoop) : null;
}

/**
 * Paces the frames drawn between slices of element creation. The first slice (what the view
 * shows, created first) is drawn on the next frame; after it, frames are skipped until
 * PARTIAL_FRAME_MS have passed since the last one drawn. When creation ends nothing is
 * skipped: the next frame draws the whole picture.
 */
export class PartialFrames {
  #lastDrawnAt: number | null = null;

  /** A slice was created and more follow after yielding to the page. */
  sliceDone(cy: Core, now = performance.now()): void {
    if (this.#lastDrawnAt !== null && now - this.#lastDrawnAt < PARTIAL_FRAME_MS) {
      const loop = renderLoopOf(cy);
      if (loop) loop.skipFrame = true;
      return;
    }
    this.#lastDrawnAt = now;
  }

  /** Creation ended: the next creation's first slice is drawn at once again. */
  done(cy: Core): void {
    this.#lastDrawnAt = null;
    const loop = renderLoopOf(cy);
    if (loop) loop.skipFrame = false;
  }
}
