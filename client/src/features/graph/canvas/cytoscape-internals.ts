import type { Collection, Core } from "cytoscape";

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

/** cytoscape's Style, as far as styling new elements uses it. */
interface StyleInternals {
  apply?: (elements: Collection) => unknown;
  checkTriggers?: (...args: unknown[]) => void;
}

/** What cytoscape marks on an element whose style must be computed before it is read. */
interface StyleState {
  _private?: { styleDirty?: boolean };
}

/** Collection methods cytoscape has and its typings do not list. */
interface DirtyCaches {
  dirtyStyleCache?: () => unknown;
  dirtyBoundingBoxCache?: () => unknown;
}

/**
 * Computes the styles of elements just added, as reading them would, with the effects of each
 * property run once for the whole batch instead of once per property.
 *
 * After every single property it sets, cytoscape's Style runs `checkTriggers`: it drops the
 * element's style cache and its links' (building a new collection of them each time), and for
 * the properties that change them marks its bounds stale (a `bounds` event), its links' bounds
 * (`display`) and its parallel links' bounds (`curve-style`, `display`). A node's first styling
 * sets some twenty properties: at 1,000 nodes that was about 40% of the time styles took (a
 * bench page timing the styles alone). For elements that have just been added, nothing has read
 * any of that yet, so the same marks, made once afterwards, leave the same state. The z-order the trigger also invalidates was invalidated by the add itself, and
 * nothing draws in between (the same task). Where a part is missing (another cytoscape), or
 * the Core is batching (styles wait for the batch's end), nothing is done here and reading the
 * styles computes them as usual.
 */
export function styleAddedOnce(cy: Core, added: Collection): void {
  const style = cy.style() as unknown as StyleInternals;
  const { apply, checkTriggers } = style;
  const caches = added as unknown as DirtyCaches;
  // A batching Core styles its elements when the batch ends.
  if ((cy as unknown as { batching?(): boolean }).batching?.() !== false) return;
  if (typeof apply !== "function" || typeof checkTriggers !== "function") return;
  if (typeof caches.dirtyStyleCache !== "function") return;
  if (typeof caches.dirtyBoundingBoxCache !== "function") return;
  const fresh = added.filter((element) => (element as StyleState)._private?.styleDirty === true);
  if (fresh.empty()) return;
  for (const element of fresh) {
    const state = (element as StyleState)._private;
    if (state) state.styleDirty = false;
  }
  const own = Object.hasOwn(style, "checkTriggers");
  style.checkTriggers = () => {};
  try {
    apply.call(style, fresh);
  } finally {
    if (own) style.checkTriggers = checkTriggers;
    else delete style.checkTriggers;
  }
  // A node just added has no links older than itself. A bundled (bezier) link changes how the
  // links beside it between the same two nodes bend, as cytoscape's own trigger says.
  const bundled = fresh.edges().filter((edge) => edge.style("curve-style") === "bezier");
  (fresh as unknown as Required<DirtyCaches>).dirtyStyleCache();
  (
    fresh.union(bundled.parallelEdges()) as unknown as Required<DirtyCaches>
  ).dirtyBoundingBoxCache();
}
