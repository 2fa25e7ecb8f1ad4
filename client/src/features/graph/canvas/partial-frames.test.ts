import cytoscape, { type Core } from "cytoscape";
import { afterEach, describe, expect, it } from "vitest";
import { PARTIAL_FRAME_MS, PartialFrames } from "./partial-frames";

const cores: Core[] = [];
afterEach(() => {
  for (const cy of cores.splice(0)) cy.destroy();
});

/**
 * A Core whose renderer is cytoscape's headless one, with the render loop's flag on it; frames
 * are "drawn" by emitting cytoscape's `render` event, on a clock the test sets.
 */
function setup() {
  const cy = cytoscape({ headless: true });
  cores.push(cy);
  const loop = (cy as unknown as { renderer(): { skipFrame?: boolean } }).renderer();
  const clock = { now: 0 };
  const frames = new PartialFrames(() => clock.now);
  const drawAt = (ms: number) => {
    clock.now = ms;
    // cytoscape's render loop clears the flag on every frame, drawn or skipped.
    loop.skipFrame = false;
    cy.emit("render");
  };
  const sliceAt = (ms: number) => {
    clock.now = ms;
    frames.sliceDone(cy);
  };
  return { cy, loop, frames, drawAt, sliceAt };
}

describe("PartialFrames", () => {
  it("skips no frame until one is drawn after creation began, then skips until PARTIAL_FRAME_MS", () => {
    const { loop, drawAt, sliceAt } = setup();
    sliceAt(0);
    // The next slice came before any frame: the first part of the view is not held back.
    sliceAt(30);
    expect(loop.skipFrame).toBeUndefined();
    drawAt(40);
    sliceAt(60);
    expect(loop.skipFrame).toBe(true);
    loop.skipFrame = false;
    sliceAt(40 + PARTIAL_FRAME_MS - 1);
    expect(loop.skipFrame).toBe(true);
    loop.skipFrame = false;
    sliceAt(40 + PARTIAL_FRAME_MS);
    expect(loop.skipFrame).toBe(false);
    drawAt(40 + PARTIAL_FRAME_MS + 5);
    sliceAt(40 + PARTIAL_FRAME_MS + 30);
    expect(loop.skipFrame).toBe(true);
  });

  it("draws every frame once the person pans, zooms or drags during creation", () => {
    for (const gesture of ["dragpan", "scrollzoom", "pinchzoom", "grab", "drag"]) {
      const { cy, loop, drawAt, sliceAt } = setup();
      sliceAt(0);
      drawAt(10);
      sliceAt(30);
      expect(loop.skipFrame, gesture).toBe(true);
      cy.emit(gesture);
      // The frame already asked for is drawn, and no later one is skipped.
      expect(loop.skipFrame, gesture).toBe(false);
      sliceAt(60);
      expect(loop.skipFrame, gesture).toBe(false);
    }
  });

  it("draws the whole picture on the next frame once creation is done, and starts afresh", () => {
    const { cy, loop, frames, drawAt, sliceAt } = setup();
    sliceAt(0);
    drawAt(10);
    cy.emit("dragpan");
    sliceAt(30);
    frames.done(cy);
    expect(loop.skipFrame).toBe(false);
    // The next picture: the gesture of the last one no longer counts, nor its frames.
    drawAt(40);
    sliceAt(50);
    expect(loop.skipFrame).toBe(false);
    drawAt(60);
    sliceAt(70);
    expect(loop.skipFrame).toBe(true);
  });

  it("leaves a Core without a renderer alone", () => {
    const frames = new PartialFrames(() => 0);
    const headless = cytoscape({ headless: true, styleEnabled: false });
    cores.push(headless);
    (headless as unknown as { renderer(): unknown }).renderer = () => undefined;
    expect(() => {
      frames.sliceDone(headless);
      headless.emit("render");
      frames.sliceDone(headless);
      frames.done(headless);
    }).not.toThrow();
  });
});
