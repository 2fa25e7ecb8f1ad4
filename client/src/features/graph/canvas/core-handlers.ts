import type { Core, ElementDefinition, EventObject, NodeSingular } from "cytoscape";
import { applyDiff } from "./apply-diff";
import type { LayoutSession } from "./layout-session";
import type { Point } from "./layouts/point";
import { fitAll, frameOpeningView } from "./viewport";

/** What the canvas's handlers read and tell; refs are read when an event comes, not before. */
export interface CoreHandlerDeps {
  /** A node was tapped (its id), or the background (null). */
  select(key: string | null): void;
  /** The node under the pointer, kept across renders. */
  hovered: { current: string | null };
  /** The element definitions now shown, to restore a node's look when the pointer leaves. */
  elements(): readonly ElementDefinition[];
  /** Classes the canvas owns, which restoring leaves alone. */
  keepClasses: readonly string[];
  /** Where the view is, remembered for a remounted Core (absent before the first layout). */
  viewport(): { zoom: number; pan: Point } | null;
  /** Counts what is off screen again. */
  recountOffScreen(cy: Core): void;
  sessionFor(cy: Core): LayoutSession;
  /** Whether the view was last framed by Fit (all of it) rather than as the opening view. */
  fittedAll(): boolean;
  /** What the opening view must show. */
  openingFocus(): ReadonlySet<string>;
}

/** Fades everything but `node` and its neighbours. */
export function showHover(cy: Core, node: NodeSingular): void {
  cy.batch(() => {
    const near = node.closedNeighborhood();
    cy.elements().not(near).removeClass("highlighted").addClass("faded");
    near.removeClass("faded").addClass("highlighted");
  });
}

/**
 * The canvas's handlers on one Core: taps select, hover highlights a node's neighbourhood, the
 * off-screen count follows the view and the nodes, a pane that changes height is framed again
 * as it was, and a person moving the view stops the view following the layouts. Returns what
 * removes them all.
 */
export function attachCoreHandlers(core: Core, deps: CoreHandlerDeps): () => void {
  const onTapNode = (event: EventObject) => {
    deps.select((event.target as NodeSingular).id());
  };
  const onTapBackground = (event: EventObject) => {
    if (event.target === core) deps.select(null);
  };
  const onOver = (event: EventObject) => {
    const node = event.target as NodeSingular;
    deps.hovered.current = node.id();
    showHover(core, node);
  };
  const onOut = () => {
    deps.hovered.current = null;
    // Back to what the elements say (path highlight or nothing).
    applyDiff(
      core,
      deps.elements().filter((d) => core.getElementById(d.data.id ?? "").nonempty()),
      { keepClasses: deps.keepClasses },
    );
  };
  let recount: ReturnType<typeof setTimeout> | undefined;
  // Once the view or the nodes stop moving: nodes that glide to new places (a depth change,
  // a filter), nodes added and removed, and a pane that grows or shrinks (the strip above it
  // changes height) change what is off screen as much as a pan does.
  // Node events come one per node (thousands in one `cy.add` or one frame of a glide): the
  // timer is restarted once per task, not once per node.
  let restartQueued = false;
  const scheduleRecount = () => {
    if (restartQueued) return;
    restartQueued = true;
    queueMicrotask(() => {
      restartQueued = false;
      clearTimeout(recount);
      recount = setTimeout(() => deps.recountOffScreen(core), 100);
    });
  };
  const onViewport = () => {
    const remembered = deps.viewport();
    if (remembered) {
      remembered.zoom = core.zoom();
      remembered.pan = { ...core.pan() };
    }
    scheduleRecount();
  };
  // The pane changes height as banners above it come and go (the demo notice, the live
  // strip, a URL notice): until the person moves the view, it is framed again the way it was
  // framed (the opening view, or all of it after Fit) for the pane it now has. Only the
  // height: the width changes when the details panel opens beside the canvas, on a click,
  // and the view must not jump then.
  let height = core.height();
  const onResize = () => {
    const heightChanged = core.height() !== height;
    height = core.height();
    const session = deps.sessionFor(core);
    if (heightChanged && session.follow && session.drawnOnce) {
      if (deps.fittedAll()) fitAll(core);
      else frameOpeningView(core, session.planned, deps.openingFocus(), false);
    }
    scheduleRecount();
  };
  const onUserMoved = () => {
    deps.sessionFor(core).follow = false;
  };
  const handlers: [string, string | undefined, (event: EventObject) => void][] = [
    ["tap", "node", onTapNode],
    ["tap", undefined, onTapBackground],
    ["mouseover", "node", onOver],
    ["mouseout", "node", onOut],
    ["viewport", undefined, onViewport],
    ["position add remove", "node", scheduleRecount],
    ["resize", undefined, onResize],
    ["dragpan scrollzoom pinchzoom", undefined, onUserMoved],
  ];
  for (const [events, selector, handler] of handlers) {
    if (selector) core.on(events, selector, handler);
    else core.on(events, handler);
  }
  return () => {
    clearTimeout(recount);
    if (core.destroyed()) return;
    for (const [events, selector, handler] of handlers) {
      if (selector) core.off(events, selector, handler);
      else core.off(events, handler);
    }
  };
}
