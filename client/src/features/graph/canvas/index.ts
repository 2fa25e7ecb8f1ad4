export type { CanvasApi, CanvasView } from "./canvas-types";
export { GraphCanvas, type GraphCanvasProps } from "./graph-canvas";
export { RELATIONSHIP_STYLES, type RelationshipStyle, STATUS_COLORS } from "./graph-styles";
export { type DuplicatesMode, toElements } from "./to-elements";
