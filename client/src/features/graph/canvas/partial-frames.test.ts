import type { Core } from "cytoscape";
import { describe, expect, it } from "vitest";
import { PARTIAL_FRAME_MS, PartialFrames } from "./partial-frames";

/** A Core whose renderer is only the render loop's flag, as cytoscape's canvas renderer has it. */
function coreWithLoop(): { cy: Core; loop: { skipFrame?: boolean } } {
  const loop: { skipFrame?: boolean } = {};
  return { cy: { renderer: () => loop } as unknown as Core, loop };
}

describe("PartialFrames", () => {
  it("lets the frame after the first slice draw, then skips frames until PARTIAL_FRAME_MS", () => {
    const { cy, loop } = coreWithLoop();
    const frames = new PartialFrames();
    frames.sliceDone(cy, 0);
    expect(loop.skipFrame).toBeUndefined();
    frames.sliceDone(cy, 30);
    expect(loop.skipFrame).toBe(true);
    // cytoscape's render loop clears the flag on every frame; the next slice sets it again.
    loop.skipFrame = false;
    frames.sliceDone(cy, PARTIAL_FRAME_MS - 1);
    expect(loop.skipFrame).toBe(true);
    loop.skipFrame = false;
    frames.sliceDone(cy, PARTIAL_FRAME_MS);
    expect(loop.skipFrame).toBe(false);
    frames.sliceDone(cy, PARTIAL_FRAME_MS + 30);
    expect(loop.skipFrame).toBe(true);
  });

  it("draws the whole picture on the next frame once creation is done, and starts afresh", () => {
    const { cy, loop } = coreWithLoop();
    const frames = new PartialFrames();
    frames.sliceDone(cy, 0);
    frames.sliceDone(cy, 30);
    expect(loop.skipFrame).toBe(true);
    frames.done(cy);
    expect(loop.skipFrame).toBe(false);
    // The next picture's first slice is drawn at once again.
    frames.sliceDone(cy, 60);
    expect(loop.skipFrame).toBe(false);
  });

  it("leaves a Core without a renderer alone", () => {
    const frames = new PartialFrames();
    const headless = {} as Core;
    expect(() => {
      frames.sliceDone(headless, 0);
      frames.sliceDone(headless, 10);
      frames.done(headless);
    }).not.toThrow();
  });
});
