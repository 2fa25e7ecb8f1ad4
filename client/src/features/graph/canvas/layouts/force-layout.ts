import cytoscape, { type LayoutOptions } from "cytoscape";

let loading: Promise<void> | null = null;

/**
 * Registers cytoscape-fcose, loaded on demand: the force layout is optional, and fcose with the
 * cose-base it runs on is not worth its weight in the chunk every case page loads. A failed
 * load may be tried again.
 */
export function loadForceLayout(): Promise<void> {
  loading ??= import("cytoscape-fcose").then(
    ({ default: fcose }) => {
      cytoscape.use(fcose);
    },
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/**
 * fcose from the current positions (rings by hop, so the same data gives the same picture).
 * The spacing is for our node boxes (about 200 × 60 px): with cose, the demo's nodes overlapped
 * at every depth (2–7 pairs), with fcose's defaults from depth 3; with these, no pair at any
 * depth, and a generated graph of 300 nodes has 8 pairs (cose 191), laid out in an eighth of
 * cose's time.
 */
export function forceOptions(): LayoutOptions {
  return {
    name: "fcose",
    randomize: false,
    quality: "proof",
    idealEdgeLength: 150,
    nodeRepulsion: 400_000,
    nodeSeparation: 100,
    nodeDimensionsIncludeLabels: true,
    animate: false,
    fit: false,
  } as LayoutOptions;
}
