import type { NodeKey } from "../../../lib/graph-types";
import type { LayoutName } from "../../../lib/layout-names";
import type { DuplicatesMode } from "./to-elements";

/** What the canvas is asked to show; everything here comes from the URL or the page's state. */
export interface CanvasView {
  /** Relationships to draw; null draws all of them. */
  rel: readonly string[] | null;
  dup: DuplicatesMode;
  layout: LayoutName;
  /** Nodes to emphasise (e.g. a path); the rest fade. Empty: nothing emphasised. */
  highlighted: ReadonlySet<NodeKey>;
  /** The links the highlight runs along (highlight-steps.ts); without it, every link between two
   *  highlighted nodes is lit. */
  highlightedSteps?: ReadonlySet<string>;
  selected: NodeKey | null;
  /** Extra classes by node key or link id (what a live re-read changed). */
  marks?: ReadonlyMap<string, readonly string[]>;
  /**
   * The next change is a live update: new nodes go into free space beside a neighbour and
   * every other node stays where it is, instead of the graph being laid out again.
   */
  incremental?: boolean;
  /**
   * What the opening view must show: the root, its open blockers, its cause chain. The whole
   * graph is shown instead when it fits at a readable size.
   */
  focus: ReadonlySet<NodeKey>;
}

/** Commands the page can give the canvas (toolbar buttons, search results). */
export interface CanvasApi {
  /** Shows every node, at whatever size that takes. */
  fit(): void;
  /** Brings the node into view at a readable size, animated. */
  center(key: NodeKey): void;
  exportPng(): Promise<Blob>;
  zoomIn(): void;
  zoomOut(): void;
}
