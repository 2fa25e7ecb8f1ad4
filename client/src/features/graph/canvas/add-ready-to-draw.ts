import type { CollectionReturnValue, Core, ElementDefinition } from "cytoscape";
import { renderedStyleFlagsOf, styleAddedOnce } from "./cytoscape-internals";

/**
 * Adds elements and computes, in this task, all cytoscape needs to draw them: styles (each
 * property's effects marked once for the batch, cytoscape-internals.ts), label sizes, edge
 * geometry and bounds. The next frame then only draws.
 *
 * `boundingBox()` computes all of it, but measuring an element for the first time also fires
 * its `bounds` event, which the renderer reads as "geometry stale": the next frame would compute
 * the same styles and edge geometry a second time (at 5,000 nodes, every edge's geometry twice:
 * about 0.5 s of main thread in a browser profile). Nothing moved in between, so the flags are
 * set back to what they were the moment before that event; any later change (a position, a
 * class) marks the element again.
 */
export function addReadyToDraw(cy: Core, definitions: ElementDefinition[]): CollectionReturnValue {
  const added = cy.add(definitions);
  styleAddedOnce(cy, added);
  added.boundingBox();
  for (const element of added) {
    const flags = renderedStyleFlagsOf(element);
    if (flags?.clean === false) flags.clean = true;
    // A new node's links are new too, measured in this call (after the node) or a later one.
    if (flags?.cleanConnected === false) flags.cleanConnected = true;
  }
  return added;
}
