import type { Core } from "cytoscape";

/**
 * The few parts of cytoscape (3.34) the canvas reads or sets that are not in its typings, in one
 * place, so an upgrade has one file to check (`cytoscape-internals.test.ts` checks them against
 * the installed version). Each is read defensively: where a part is missing, the feature that
 * uses it does nothing and the picture is drawn as cytoscape would draw it anyway.
 */

/**
 * The canvas renderer's render loop: on each animation frame it draws a requested frame unless
 * `skipFrame` is set, then clears the flag, so a set flag skips one frame and the next draws all
 * that was asked meanwhile. `render` draws one frame.
 */
export interface RenderLoop {
  skipFrame?: boolean;
  render?: () => void;
}

/** The renderer of a Core, or null where it has none (headless). */
export function renderLoopOf(cy: Core): RenderLoop | null {
  const renderer = (cy as unknown as { renderer?(): unknown }).renderer?.();
  return typeof renderer === "object" && renderer !== null ? (renderer as RenderLoop) : null;
}

/**
 * What the canvas renderer keeps per element about its rendered style: `clean` once its label
 * and edge geometry are computed, `cleanConnected` once a node's links were told about it.
 */
export interface RenderedStyleFlags {
  clean?: boolean;
  cleanConnected?: boolean;
}

export function renderedStyleFlagsOf(element: unknown): RenderedStyleFlags | undefined {
  const rstyle = (element as { _private?: { rstyle?: unknown } })._private?.rstyle;
  return typeof rstyle === "object" && rstyle !== null ? (rstyle as RenderedStyleFlags) : undefined;
}
