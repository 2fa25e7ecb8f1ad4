// Spacing and budgets of the layered layout.

/** The same spacing ELK used, so switching layouts does not change the density of the picture. */
export const NODE_GAP = 24;
export const LAYER_GAP = 56;
export const COMPONENT_GAP = 80;
/** Long edges pass through narrow placeholders, so they can run between boxes. */
export const DUMMY_WIDTH = 12;
export const DUMMY_GAP = 8;
export const MIN_SIZE = 1;
/** Median passes over the layers after longest path (see `freshLayers`). */
export const LAYERING_PASSES = 4;
export const MAX_SWEEPS = 24;
/** Sweeps stop once this many in a row found no fewer crossings. */
export const PATIENCE = 4;
/**
 * The budget of the crossing reduction, in edge-segment visits rather than milliseconds: a
 * wall-clock budget would give a slower machine a different picture of the same URL. About
 * 2 M visits take 20-40 ms on a shared core; a 5,000-node graph spends a fraction of it.
 */
export const SWEEP_WORK_BUDGET = 2_000_000;
/** Previously placed nodes pull this much harder towards where they were than new ones. */
export const PREVIOUS_WEIGHT = 1_000;
export const DUMMY_WEIGHT = 2;
export const PLACEMENT_PASSES = 4;
