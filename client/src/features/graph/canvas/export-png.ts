import type { Core } from "cytoscape";

/** Browsers refuse canvases much larger than this; cytoscape scales down to fit it. */
const MAX_SIDE = 16_384;

/** The whole graph (not just the viewport) at twice the resolution, on white. */
export function exportPng(cy: Core): Promise<Blob> {
  return cy.png({
    output: "blob-promise",
    full: true,
    scale: 2,
    bg: "#ffffff",
    maxWidth: MAX_SIDE,
    maxHeight: MAX_SIDE,
  });
}
