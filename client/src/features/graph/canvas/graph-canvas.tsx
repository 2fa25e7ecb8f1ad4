import type { Core, ElementDefinition, EventObject, NodeSingular } from "cytoscape";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import CytoscapeComponent from "react-cytoscapejs";
import type { GraphSnapshot, NodeKey } from "../../../lib/graph-types";
import { applyDiff } from "./apply-diff";
import type { CanvasApi, CanvasView } from "./canvas-types";
import { exportPng } from "./export-png";
import { GRAPH_STYLESHEET } from "./graph-styles";
import { LayoutSession } from "./layout-session";
import type { Point } from "./layouts/elk-graph";
import { placeInFreeSpace } from "./layouts/place-in-free-space";
import { placeNearNeighbours } from "./layouts/place-new-nodes";
import { runLayout } from "./layouts/run-layout";
import { toElements } from "./to-elements";
import { useStableByKey } from "./use-stable-by-key";

export interface GraphCanvasProps {
  snapshot: GraphSnapshot;
  view: CanvasView;
  onSelect(key: NodeKey | null): void;
  onReady?(api: CanvasApi): void;
}

/**
 * Trap 4: react-cytoscapejs diffs `elements` through JSON on every render. We hand it one
 * frozen empty array (never a diff) and apply our own diff in one batch instead.
 */
const NO_ELEMENTS: ElementDefinition[] = [];
const PRESET_LAYOUT = { name: "preset" } as const;
/** Classes the canvas sets itself, which the element diff must not strip. */
const CANVAS_CLASSES = ["selected"] as const;
/** Past this many elements, drawing tricks matter more than crispness. */
export const LARGE_GRAPH_ELEMENTS = 1_000;
const ZOOM_STEP = 1.25;
const FIT_PADDING = 30;

/** Below this zoom node labels are too small to read; see `min-zoomed-font-size`. */
const READABLE_ZOOM = 0.62;

function runnerFor(remember: (cy: Core) => void) {
  return async (cy: Core, name: CanvasView["layout"], fit: boolean) => {
    const finished = await runLayout(cy, name, { fit });
    if (finished && !cy.destroyed()) {
      if (fit) keepReadable(cy);
      remember(cy);
    }
    return finished;
  };
}

/**
 * A whole large graph fitted into the pane is too small to read. Rather than open on a picture
 * of unlabelled boxes, show the root's surroundings at a readable size; Fit shows everything.
 */
function keepReadable(cy: Core) {
  if (cy.zoom() >= READABLE_ZOOM) return;
  const root = cy.nodes(".root");
  cy.zoom(READABLE_ZOOM);
  if (root.nonempty()) cy.center(root);
  else cy.center();
}

interface Memory {
  positions: Map<string, Point>;
  zoom: number;
  pan: Point;
}

function showHover(cy: Core, node: NodeSingular) {
  cy.batch(() => {
    const near = node.closedNeighborhood();
    cy.elements().not(near).removeClass("highlighted").addClass("faded");
    near.removeClass("faded").addClass("highlighted");
  });
}

/** The graph drawn with cytoscape: snapshot and view in, user intents out. */
export function GraphCanvas({ snapshot, view, onSelect, onReady }: GraphCanvasProps) {
  // Trap 2: StrictMode (and our own remount below) destroys a Core and makes another. Every
  // effect depends on the live instance, so handlers and layouts follow it.
  const [core, setCore] = useState<Core | null>(null);
  const coreRef = useRef<Core | null>(null);
  const sessions = useRef(new WeakMap<Core, LayoutSession>());
  const memory = useRef<Memory | null>(null);
  const hovered = useRef<string | null>(null);
  const onSelectRef = useRef(onSelect);
  const onReadyRef = useRef(onReady);
  const selectedRef = useRef(view.selected);
  const incrementalRef = useRef(view.incremental ?? false);
  incrementalRef.current = view.incremental ?? false;
  useEffect(() => {
    onSelectRef.current = onSelect;
    onReadyRef.current = onReady;
    selectedRef.current = view.selected;
  });

  const rel = useStableByKey(view.rel, view.rel === null ? "\u0001all" : view.rel.join("\u0000"));
  const highlighted = useStableByKey(view.highlighted, [...view.highlighted].sort().join("\u0000"));
  const marks = view.marks;
  const elements = useMemo(
    () => toElements(snapshot, { rel, dup: view.dup, highlighted, marks }),
    [snapshot, rel, view.dup, highlighted, marks],
  );
  const elementsRef = useRef(elements);
  elementsRef.current = elements;

  // The renderer reads these options only when a Core is created, so crossing the threshold
  // remounts it (once: a graph that shrinks again keeps the cheap settings, no flapping).
  const [large, setLarge] = useState(false);
  if (!large && elements.length > LARGE_GRAPH_ELEMENTS) setLarge(true);

  // Trap 1: react-cytoscapejs calls `cy` after every render; only a new instance matters.
  const handleCy = useCallback((cy: Core) => {
    if (coreRef.current === cy) return;
    coreRef.current = cy;
    setCore(cy);
  }, []);

  const sessionFor = useCallback((cy: Core) => {
    let session = sessions.current.get(cy);
    if (!session) {
      session = new LayoutSession(
        cy,
        runnerFor((done) => {
          const positions = new Map<string, Point>();
          for (const node of done.nodes().toArray())
            positions.set(node.id(), { ...node.position() });
          memory.current = { positions, zoom: done.zoom(), pan: { ...done.pan() } };
        }),
      );
      sessions.current.set(cy, session);
    }
    return session;
  }, []);

  // Handlers: registered once per Core and removed with it, whatever the render count.
  useEffect(() => {
    if (!core || core.destroyed()) return;
    const onTapNode = (event: EventObject) => {
      const node = event.target as NodeSingular;
      onSelectRef.current(node.id());
    };
    const onTapBackground = (event: EventObject) => {
      if (event.target === core) onSelectRef.current(null);
    };
    const onOver = (event: EventObject) => {
      const node = event.target as NodeSingular;
      if (node.isParent()) return;
      hovered.current = node.id();
      showHover(core, node);
    };
    const onOut = () => {
      hovered.current = null;
      // Back to what the elements say (path highlight or nothing).
      applyDiff(core, elementsRef.current, { keepClasses: CANVAS_CLASSES });
    };
    const onViewport = () => {
      if (memory.current) {
        memory.current.zoom = core.zoom();
        memory.current.pan = { ...core.pan() };
      }
    };
    core.on("tap", "node", onTapNode);
    core.on("tap", onTapBackground);
    core.on("mouseover", "node", onOver);
    core.on("mouseout", "node", onOut);
    core.on("viewport", onViewport);
    const onUserMoved = () => {
      sessionFor(core).follow = false;
    };
    core.on("dragpan scrollzoom pinchzoom", onUserMoved);
    return () => {
      if (core.destroyed()) return;
      core.off("tap", "node", onTapNode);
      core.off("tap", onTapBackground);
      core.off("mouseover", "node", onOver);
      core.off("mouseout", "node", onOut);
      core.off("viewport", onViewport);
      core.off("dragpan scrollzoom pinchzoom", onUserMoved);
    };
  }, [core, sessionFor]);

  useEffect(() => {
    if (!core || core.destroyed()) return;
    const live = () => {
      const cy = coreRef.current;
      return cy && !cy.destroyed() ? cy : null;
    };
    const api: CanvasApi = {
      fit: () => {
        const cy = live();
        if (!cy) return;
        cy.fit(undefined, FIT_PADDING);
        sessionFor(cy).follow = true;
      },
      center: (key) => {
        const cy = live();
        const node = cy?.getElementById(key);
        if (cy && node?.nonempty()) {
          sessionFor(cy).follow = false;
          cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1) }, { duration: 250 });
        }
      },
      exportPng: () => {
        const cy = live();
        return cy ? exportPng(cy) : Promise.reject(new Error("The graph is not ready"));
      },
      zoomIn: () => zoomBy(live(), ZOOM_STEP, sessionFor),
      zoomOut: () => zoomBy(live(), 1 / ZOOM_STEP, sessionFor),
    };
    onReadyRef.current?.(api);
  }, [core, sessionFor]);

  // A layout switch is a user request: re-run it and fit to the new shape.
  useEffect(() => {
    if (!core || core.destroyed()) return;
    const session = sessionFor(core);
    if (session.layoutName === view.layout) return;
    const switched = session.layoutName !== null;
    session.layoutName = view.layout;
    if (switched && core.nodes().nonempty()) {
      session.fitNext = true;
      session.request();
    }
  }, [core, view.layout, sessionFor]);

  // Trap 3: layouts run only when nodes came or went, never on selection/hover/highlight.
  useEffect(() => {
    if (!core || core.destroyed()) return;
    const session = sessionFor(core);
    const fresh = core.elements().empty();
    const diff = applyDiff(core, elements, { keepClasses: CANVAS_CLASSES });
    if (fresh && memory.current && memory.current.positions.size > 0) {
      // A remounted Core resumes where the old one was instead of starting over.
      const { positions, zoom, pan } = memory.current;
      core.nodes().forEach((node) => {
        const position = positions.get(node.id());
        if (position && !node.isParent()) node.position(position);
      });
      core.viewport({ zoom, pan });
      session.laidOut = true;
      session.fitNext = false;
    }
    if (diff.nodesChanged && session.laidOut && incrementalRef.current && !session.busy) {
      placeInFreeSpace(core, diff.added);
    } else if (diff.nodesChanged) {
      if (session.laidOut) placeNearNeighbours(core, diff.added);
      session.request();
    } else if (session.due && !session.busy) {
      session.request();
    }
    // The selected node may only just have arrived.
    markSelected(core, selectedRef.current);
    const stillHovered = hovered.current ? core.getElementById(hovered.current) : null;
    if (stillHovered?.nonempty()) showHover(core, stillHovered as NodeSingular);
  }, [core, elements, sessionFor]);

  useEffect(() => {
    if (!core || core.destroyed()) return;
    markSelected(core, view.selected);
  }, [core, view.selected]);

  return (
    // biome-ignore lint/a11y/useSemanticElements: fieldset is for form controls; this groups a drawing.
    <div
      role="group"
      aria-label="Case dependency graph"
      style={{ position: "relative", width: "100%", height: "100%" }}
    >
      <CytoscapeComponent
        key={large ? "large" : "normal"}
        cy={handleCy}
        elements={NO_ELEMENTS}
        // Layouts are ours (layout-session.ts); the mount-time default would be a grid.
        layout={PRESET_LAYOUT}
        stylesheet={GRAPH_STYLESHEET}
        style={{ position: "absolute", inset: 0, padding: 0 }}
        minZoom={0.05}
        maxZoom={4}
        boxSelectionEnabled={false}
        autounselectify
        textureOnViewport={large}
        hideEdgesOnViewport={large}
        pixelRatio={large ? 1 : "auto"}
      />
    </div>
  );
}

function markSelected(cy: Core, selected: NodeKey | null) {
  cy.batch(() => {
    cy.$(".selected").removeClass("selected");
    if (selected) cy.getElementById(selected).addClass("selected");
  });
}

function zoomBy(cy: Core | null, factor: number, sessionFor: (cy: Core) => LayoutSession) {
  if (!cy) return;
  sessionFor(cy).follow = false;
  cy.zoom({
    level: cy.zoom() * factor,
    renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 },
  });
}
