/**
 * The graph's one vocabulary: how entities are named, shaped and captioned, how links are
 * drawn, what counts as closed, and which duplicates belong together. The canvas, the panels,
 * the exports and Insights all read it, so they cannot disagree.
 */
export * from "./captions";
export * from "./duplicate-clusters";
export * from "./entities";
export * from "./node-marks";
export * from "./relationships";
export * from "./statuses";
