import type { Core, ElementDefinition, NodeSingular } from "cytoscape";
import {
  type ComponentProps,
  type ComponentType,
  type KeyboardEvent,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import ReactCytoscape from "react-cytoscapejs";
import type { GraphSnapshot, NodeKey } from "../../../lib/graph-types";
import type { CanvasApi, CanvasView } from "./canvas-types";
import { attachCoreHandlers, showHover } from "./core-handlers";
import { exportPng } from "./export-png";
import { followDetours } from "./follow-detours";
import { GRAPH_STYLESHEET } from "./graph-styles";
import {
  directionOf,
  jumpByKey,
  neighbourToward,
  panStep,
  spokenName,
} from "./keyboard-navigation";
import { LARGE_GRAPH_STYLES } from "./large-graph-styles";
import { LayoutSession, type PositionsFn } from "./layout-session";
import { computePositions } from "./layouts/compute-positions";
import { computeCorePositions } from "./layouts/core-positions-client";
import { computeLayeredPositions } from "./layouts/layered-positions-client";
import type { Point } from "./layouts/point";
import { followLongEdges, LONG_EDGE_CLASS } from "./long-edges";
import { NodeTooltip } from "./node-tooltip";
import { practiseDrawingInSpareTime, stopPractising } from "./practise-drawing";
import { toElements } from "./to-elements";
import { useStableByKey } from "./use-stable-by-key";
import { bringIntoView, countOffScreen, fitAll, frameOpeningView } from "./viewport";
import { hardwareWebgl2WhenIdle, hasHardwareWebgl2, WEBGL_MIN_ELEMENTS } from "./webgl-support";
import "./graph-canvas.css";

export interface GraphCanvasProps {
  snapshot: GraphSnapshot;
  view: CanvasView;
  /** Every lookup has answered: the next layout is the final picture of this data. */
  settled?: boolean;
  onSelect(key: NodeKey | null): void;
  onReady?(api: CanvasApi): void;
}

/** Recorded when the final layout of settled data is on screen (beside `casegraph:settled`). */
export const PAINTED_MARK = "casegraph:painted";

/**
 * Trap 4: react-cytoscapejs diffs `elements` through JSON on every render. We hand it one
 * frozen empty array (never a diff) and the layout session applies our own diff instead.
 */
const NO_ELEMENTS: ElementDefinition[] = [];
const PRESET_LAYOUT = { name: "preset" } as const;
/** Classes the canvas sets itself, which the element diff must not strip. */
const CANVAS_CLASSES = ["selected", LONG_EDGE_CLASS] as const;
/** Past this many elements, drawing tricks matter more than crispness. */
export const LARGE_GRAPH_ELEMENTS = 1_000;
/**
 * How the Core draws, by graph size: the full finish, the cheap settings, and (on a hardware
 * GPU only) cytoscape's WebGL mode. Only ever steps up, each step a new Core.
 */
const DRAWING_TIERS = ["normal", "large", "webgl"] as const;
type DrawingTier = (typeof DRAWING_TIERS)[number];
const WEBGL_RENDERER = { name: "canvas", webgl: true } as const;

function tierFor(elements: number): DrawingTier {
  if (elements > WEBGL_MIN_ELEMENTS && hasHardwareWebgl2()) return "webgl";
  return elements > LARGE_GRAPH_ELEMENTS ? "large" : "normal";
}

/**
 * react-cytoscapejs hands cytoscape a fixed list of options; our patch of it (patches/) adds
 * `renderer`, which its typings do not know.
 */
const CytoscapeComponent = ReactCytoscape as ComponentType<
  ComponentProps<typeof ReactCytoscape> & { renderer?: typeof WEBGL_RENDERER }
>;
const ZOOM_STEP = 1.25;
const NO_HIGHLIGHT: ReadonlySet<NodeKey> = new Set();
const LARGE_STYLESHEET = [...GRAPH_STYLESHEET, ...LARGE_GRAPH_STYLES];

// The case page loads this module while its data is still on the way: cytoscape's code is
// compiled on a practice graph in that spare time, so the first picture does not wait for V8
// (practise-drawing.ts). The practice stops when the first picture starts being created. The
// large tier's stylesheet only adds rules: practising with it measured the same.
practiseDrawingInSpareTime(GRAPH_STYLESHEET);

/** Positions for the canvas, with what is in the way of the root brought together. */
const computeDefault: PositionsFn = (elements, name, focus) =>
  computePositions(elements, name, { focus });

interface Memory {
  targets: ReadonlyMap<string, Point>;
  coverage: LayoutSession["coverage"];
  zoom: number;
  pan: Point;
}

function markPainted(cy: Core) {
  performance.mark(PAINTED_MARK, { detail: { entities: cy.nodes().length } });
}

/** The graph drawn with cytoscape: snapshot and view in, user intents out. */
export function GraphCanvas({
  snapshot,
  view,
  settled = false,
  onSelect,
  onReady,
}: GraphCanvasProps) {
  // Trap 2: StrictMode (and our own remount below) destroys a Core and makes another. Every
  // effect depends on the live instance, so handlers and layouts follow it.
  const [core, setCore] = useState<Core | null>(null);
  const coreRef = useRef<Core | null>(null);
  const sessions = useRef(new WeakMap<Core, LayoutSession>());
  const memory = useRef<Memory | null>(null);
  // The view was last framed by Fit (all of it) rather than as the opening view.
  const fittedAll = useRef(false);
  const hovered = useRef<string | null>(null);
  const onSelectRef = useRef(onSelect);
  const onReadyRef = useRef(onReady);
  const selectedRef = useRef(view.selected);
  const focusRef = useRef(view.focus);
  const incrementalRef = useRef(view.incremental ?? false);
  incrementalRef.current = view.incremental ?? false;
  const [offScreen, setOffScreen] = useState(0);
  const [spoken, setSpoken] = useState("");
  useEffect(() => {
    onSelectRef.current = onSelect;
    onReadyRef.current = onReady;
    selectedRef.current = view.selected;
    focusRef.current = view.focus;
  });

  const rel = useStableByKey(view.rel, view.rel === null ? "\u0001all" : view.rel.join("\u0000"));
  const highlighted = useStableByKey(view.highlighted, [...view.highlighted].sort().join("\u0000"));
  const steps = useStableByKey(
    view.highlightedSteps,
    view.highlightedSteps ? [...view.highlightedSteps].sort().join("\u0001") : "",
  );
  const marks = view.marks;
  // The layout reads every link whatever the filter, so filtering never moves a node.
  const layoutInput = useMemo(
    () => toElements(snapshot, { rel: null, dup: view.dup, highlighted: NO_HIGHLIGHT }),
    [snapshot, view.dup],
  );
  // Unfiltered and unmarked, what is shown is exactly the layout's input: made once, not twice.
  const elements = useMemo(
    () =>
      rel === null && highlighted.size === 0 && (marks === undefined || marks.size === 0)
        ? layoutInput
        : toElements(snapshot, {
            rel,
            dup: view.dup,
            highlighted,
            highlightedSteps: steps,
            marks,
          }),
    [layoutInput, snapshot, rel, view.dup, highlighted, steps, marks],
  );
  const elementsRef = useRef(elements);
  elementsRef.current = elements;

  // The renderer reads these options only when a Core is created, so crossing the threshold
  // remounts it (once: a graph that shrinks again keeps the cheap settings, no flapping).
  const [tier, setTier] = useState<DrawingTier>("normal");
  const wantedTier = tierFor(elements.length);
  if (DRAWING_TIERS.indexOf(wantedTier) > DRAWING_TIERS.indexOf(tier)) setTier(wantedTier);
  const large = tier !== "normal";

  // The layout worker loads while the data arrives, not when the first layout is asked for.
  useEffect(() => computeLayeredPositions.warm(), []);
  // The force and rings views' worker: started as soon as one of them is asked for.
  useEffect(() => {
    if (view.layout !== "layered") computeCorePositions.warm();
  }, [view.layout]);

  // Diagnostics only, so asked when the page is idle (tierFor asks at once, but only for graphs
  // big enough to use WebGL).
  const [hardwareWebgl, setHardwareWebgl] = useState<boolean | null>(null);
  useEffect(() => hardwareWebgl2WhenIdle(setHardwareWebgl), []);

  // Trap 1: react-cytoscapejs calls `cy` after every render; only a new instance matters.
  const handleCy = useCallback((cy: Core) => {
    if (coreRef.current === cy) return;
    coreRef.current = cy;
    setCore(cy);
  }, []);

  const recountOffScreen = useCallback((cy: Core) => {
    if (!cy.destroyed()) setOffScreen(countOffScreen(cy));
  }, []);

  // What the opening view must show: the focus (root, open blockers, cause chain) and the selection.
  const openingFocus = useCallback(() => {
    const focus = new Set(focusRef.current);
    if (selectedRef.current) focus.add(selectedRef.current);
    return focus;
  }, []);

  const sessionFor = useCallback(
    (cy: Core) => {
      let session = sessions.current.get(cy);
      if (!session) {
        const created: LayoutSession = new LayoutSession(cy, computeDefault, {
          keepClasses: CANVAS_CLASSES,
          onLaidOut: ({ first, targets, planned, animate }) => {
            if (first) stopPractising();
            const remembered = memory.current;
            if (first && remembered && remembered.targets.size > 0) {
              // A remounted Core resumes where the old one was instead of starting over.
              cy.viewport({ zoom: remembered.zoom, pan: remembered.pan });
            } else if (first || created.follow) {
              frameOpeningView(cy, planned, openingFocus(), animate && !first);
              fittedAll.current = false;
            }
            memory.current = {
              targets,
              coverage: created.coverage,
              zoom: cy.zoom(),
              pan: { ...cy.pan() },
            };
          },
          onPainted: () => {
            markPainted(cy);
            recountOffScreen(cy);
          },
        });
        const remembered = memory.current;
        if (remembered) created.adopt(remembered.targets, remembered.coverage);
        session = created;
        sessions.current.set(cy, session);
      }
      return session;
    },
    [recountOffScreen, openingFocus],
  );

  // Only the large stylesheet draws long edges differently (WebGL draws no dashes at all).
  // Registered before the layout session creates edges, so that none is styled twice.
  useEffect(() => {
    if (!core || core.destroyed() || tier !== "large") return;
    return followLongEdges(core);
  }, [core, tier]);

  // Links step round the nodes they would run behind. Not on the large tiers: there a person
  // reads the picture by zooming in, straight lines are part of what keeps drawing cheap, and
  // checking every link against the nodes near it would cost more than it shows.
  useEffect(() => {
    if (!core || core.destroyed() || tier !== "normal") return;
    return followDetours(core);
  }, [core, tier]);

  // Handlers: registered once per Core and removed with it, whatever the render count.
  useEffect(() => {
    if (!core || core.destroyed()) return;
    return attachCoreHandlers(core, {
      select: (key) => onSelectRef.current(key),
      hovered,
      elements: () => elementsRef.current,
      keepClasses: CANVAS_CLASSES,
      viewport: () => memory.current,
      recountOffScreen,
      sessionFor,
      fittedAll: () => fittedAll.current,
      openingFocus,
    });
  }, [core, sessionFor, recountOffScreen, openingFocus]);

  const live = useCallback(() => {
    const cy = coreRef.current;
    return cy && !cy.destroyed() ? cy : null;
  }, []);

  const api = useMemo<CanvasApi>(
    () => ({
      fit: () => {
        const cy = live();
        if (!cy) return;
        fitAll(cy);
        fittedAll.current = true;
        sessionFor(cy).follow = true;
      },
      center: (key) => {
        const cy = live();
        const node = cy?.getElementById(key);
        if (cy && node?.nonempty()) {
          sessionFor(cy).follow = false;
          bringIntoView(cy, node);
        }
      },
      exportPng: () => {
        const cy = live();
        return cy ? exportPng(cy) : Promise.reject(new Error("The graph is not ready"));
      },
      zoomIn: () => zoomBy(live(), ZOOM_STEP, sessionFor),
      zoomOut: () => zoomBy(live(), 1 / ZOOM_STEP, sessionFor),
    }),
    [live, sessionFor],
  );

  useEffect(() => {
    if (!core || core.destroyed()) return;
    onReadyRef.current?.(api);
  }, [core, api]);

  // A layout switch is a user request: lay out again and frame the new shape.
  useEffect(() => {
    if (!core || core.destroyed()) return;
    const session = sessionFor(core);
    if (session.layoutName === view.layout) return;
    session.relayout(view.layout);
  }, [core, view.layout, sessionFor]);

  // Trap 3: layouts run only when nodes or links came, never on selection/hover/highlight.
  useEffect(() => {
    if (!core || core.destroyed()) return;
    const session = sessionFor(core);
    if (session.layoutName !== view.layout && !session.drawnOnce) session.layoutName = view.layout;
    session.update(elements, layoutInput, settled, view.focus, incrementalRef.current);
    // The selected node may only just have arrived.
    markSelected(core, selectedRef.current);
    const stillHovered = hovered.current ? core.getElementById(hovered.current) : null;
    if (stillHovered?.nonempty()) showHover(core, stillHovered as NodeSingular);
  }, [core, elements, layoutInput, settled, sessionFor, view.layout, view.focus]);

  useEffect(() => {
    if (!core || core.destroyed()) return;
    markSelected(core, view.selected);
  }, [core, view.selected]);

  // Highlight (a path, a cycle) brings its nodes into view.
  useEffect(() => {
    if (!core || core.destroyed() || highlighted.size === 0) return;
    const nodes = core.nodes().filter((node) => highlighted.has(node.id()));
    if (nodes.empty()) return;
    sessionFor(core).follow = false;
    bringIntoView(core, nodes);
  }, [core, highlighted, sessionFor]);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      const cy = live();
      if (!cy || event.altKey || event.ctrlKey || event.metaKey) return;
      const direction = directionOf(event.key);
      if (direction && event.shiftKey) {
        sessionFor(cy).follow = false;
        panStep(cy, direction);
      } else if (direction) {
        const selected = selectedRef.current ? cy.getElementById(selectedRef.current) : null;
        const from = selected?.nonempty() ? (selected as NodeSingular) : null;
        const next = from ? neighbourToward(from, direction) : cy.nodes(".root").first();
        if (next?.nonempty()) {
          onSelectRef.current(next.id());
          setSpoken(`Selected ${spokenName(next)}`);
          sessionFor(cy).follow = false;
          bringIntoView(cy, next);
        } else {
          setSpoken(
            `No linked node ${direction === "up" ? "above" : direction === "down" ? "below" : `to the ${direction}`}`,
          );
        }
      } else if (event.key === "+" || event.key === "=") {
        jumpByKey(cy, () => zoomBy(cy, ZOOM_STEP, sessionFor));
      } else if (event.key === "-" || event.key === "_") {
        jumpByKey(cy, () => zoomBy(cy, 1 / ZOOM_STEP, sessionFor));
      } else if (event.key === "0") {
        jumpByKey(cy, api.fit);
      } else if (event.key === "Escape") {
        onSelectRef.current(null);
      } else {
        return;
      }
      event.preventDefault();
    },
    [live, sessionFor, api],
  );

  // Escape closes the details wherever the focus is, except while typing.
  useEffect(() => {
    if (!view.selected) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable='true']")) return;
      onSelectRef.current(null);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [view.selected]);

  return (
    // biome-ignore lint/a11y/useSemanticElements: fieldset is for form controls; this groups a drawing.
    <div role="group" aria-label="Case dependency graph" className="graph-canvas">
      <div
        className="graph-canvas__surface"
        role="application"
        aria-roledescription="graph"
        aria-label="Graph: arrow keys move along links, Shift+arrows pan, + and − zoom, 0 fits all, Escape closes the details"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the drawing takes arrow keys to move the selection along edges.
        tabIndex={0}
        onKeyDown={onKeyDown}
        // What draws the graph, and whether this browser has a GPU for WebGL (diagnostics).
        data-renderer={tier === "webgl" ? "webgl" : "canvas"}
        data-hardware-webgl={hardwareWebgl === null ? undefined : hardwareWebgl ? "yes" : "no"}
      >
        <CytoscapeComponent
          key={tier}
          {...(tier === "webgl" ? { renderer: WEBGL_RENDERER } : {})}
          cy={handleCy}
          elements={NO_ELEMENTS}
          // Layouts are ours (layout-session.ts); the mount-time default would be a grid.
          layout={PRESET_LAYOUT}
          stylesheet={large ? LARGE_STYLESHEET : GRAPH_STYLESHEET}
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
      <NodeTooltip core={core} selected={view.selected} />
      <div className="graph-canvas__controls">
        <button type="button" onClick={api.zoomIn} aria-label="Zoom in" title="Zoom in (+)">
          +
        </button>
        <button type="button" onClick={api.zoomOut} aria-label="Zoom out" title="Zoom out (−)">
          −
        </button>
      </div>
      {offScreen > 0 && (
        <p className="graph-canvas__offscreen">
          {offScreen} more {offScreen === 1 ? "node" : "nodes"} off screen —{" "}
          <button type="button" onClick={api.fit}>
            Fit all
          </button>
        </p>
      )}
      <div className="visually-hidden" aria-live="polite">
        {spoken}
      </div>
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
