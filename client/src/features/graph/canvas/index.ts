export type { CanvasApi, CanvasView } from "./canvas-types";
export { GraphCanvas, type GraphCanvasProps } from "./graph-canvas";
export { GRAPH_STYLESHEET } from "./graph-styles";
export { type DuplicatesMode, toElements } from "./to-elements";
