import type { Core, ElementDefinition, NodeSingular, SingularAnimationOptionsPos } from "cytoscape";
import type { LayoutName } from "../../../lib/layout-names";
import { applyDiff } from "./apply-diff";
import { LayoutTiming } from "./layout-timing";
import { type GlidePlan, planGlide, waypoint } from "./layouts/glide-plan";
import { type Box, Occupancy, placeBeside } from "./layouts/place-new-nodes";
import type { Point } from "./layouts/point";
import { nodeFontPx, nodeSize } from "./node-size";
import { SlicedCreation } from "./sliced-creation";
import type { PlannedNode } from "./viewport";

const GLIDE_MS = 300;
/** Gliding helps follow small graphs; on big ones it only costs frames. */
const ANIMATE_MAX_NODES = 150;

/** Computes node centres for elements; null when abandoned. Never draws. */
export type PositionsFn = (
  elements: readonly ElementDefinition[],
  name: LayoutName,
  focus: ReadonlySet<string>,
) => Promise<Map<string, Point> | null>;

export interface LaidOut {
  /** Nothing was on screen before this layout. */
  first: boolean;
  /** Where every node of the layout ends up. */
  targets: ReadonlyMap<string, Point>;
  /** The nodes to be shown, at their targets with their boxes: what the view should frame. */
  planned: ReadonlyMap<string, PlannedNode>;
  /** Nodes glide to their places (small graphs) rather than jump. */
  animate: boolean;
}

export interface SessionHooks {
  /** A layout's positions are being applied: the place to move the viewport. */
  onLaidOut(event: LaidOut): void;
  /** The final layout of settled data is on screen. */
  onPainted(): void;
  /** Classes the canvas owns, which drawing must leave alone. */
  keepClasses: readonly string[];
}

/** What a layout covered: the layout name, the focus it gathered, its nodes and edges. */
interface Coverage {
  name: LayoutName;
  focus: ReadonlySet<string>;
  ids: ReadonlySet<string>;
}

/** The focus among the nodes of `input`. */
function focusIn(focus: ReadonlySet<string>, input: readonly ElementDefinition[]): Set<string> {
  const present = new Set<string>();
  for (const d of input)
    if (d.data.id !== undefined && focus.has(d.data.id)) present.add(d.data.id);
  return present;
}

function isEdge(d: ElementDefinition): boolean {
  return d.group === "edges" || d.data.source !== undefined;
}

/** Moves one node along its plan's legs; resolves when it is there. */
async function glide(node: NodeSingular, target: Point, plan: GlidePlan): Promise<void> {
  const from = { ...node.position() };
  if (from.x === target.x && from.y === target.y) return;
  const via = waypoint({ from, to: target, w: 0, h: 0 }, plan);
  const legs = via ? [via, target] : [target];
  for (const position of legs) {
    await node
      // The typings demand every option of every animation kind; a position one needs these.
      .animation({
        position,
        duration: GLIDE_MS / legs.length,
        easing: "ease-in-out-cubic",
      } as SingularAnimationOptionsPos)
      .play()
      .promise();
  }
}

function nextFrame(callback: () => void): void {
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(() => callback());
  else setTimeout(callback, 16);
}

/**
 * The picture pipeline of one cytoscape Core. No node is created before it has a position: from
 * a layout computed away from the screen, or, while answers stream in, a free spot beside a
 * neighbour already on screen. Layouts are computed at most one at a time (requests made
 * meanwhile coalesce into one more run) and applied by moving the nodes there, gliding on small
 * graphs. A layout runs only when the graph has nodes or links the last one did not cover, so
 * removing nodes (a lower depth, a filter) keeps the others where they were, and the same data
 * always ends in the same picture. Lives exactly as long as its Core.
 */
export class LayoutSession {
  /**
   * While the graph streams in, each layout frames the picture, until the person moves the
   * viewport themselves: from then on their pan and zoom are kept.
   */
  follow = true;
  layoutName: LayoutName = "layered";
  /** A picture is on screen. */
  drawnOnce = false;

  #shown: readonly ElementDefinition[] = [];
  #layoutInput: readonly ElementDefinition[] = [];
  #settled = false;
  #focus: ReadonlySet<string> = new Set();
  #targets = new Map<string, Point>();
  #coverage: Coverage | null = null;
  #running = false;
  #again = false;
  #moving = false;
  readonly #timing = new LayoutTiming();
  #paintedFor: readonly ElementDefinition[] | null = null;
  #paintScheduled = false;
  /** The `#shown` the elements already on screen were last brought up to date with. */
  #diffed: readonly ElementDefinition[] | null = null;

  /** What a draw finds new is created in slices, between which the page gets its turn. */
  readonly #creation: SlicedCreation;

  constructor(
    private readonly cy: Core,
    private readonly compute: PositionsFn,
    private readonly hooks: SessionHooks,
  ) {
    this.#creation = new SlicedCreation(cy, {
      redraw: () => this.#draw(false),
      afterSlice: () => this.#maybePainted(),
    });
  }

  get busy(): boolean {
    return this.#running;
  }

  /** Where the last layout put every node it covered. */
  get targets(): ReadonlyMap<string, Point> {
    return this.#targets;
  }

  /** The shown nodes where the last layout put them, as the opening view frames them. */
  get planned(): Map<string, PlannedNode> {
    return this.#planned(this.#targets);
  }

  /** Starts from another Core's picture (a remount), so nothing is laid out again. */
  adopt(targets: ReadonlyMap<string, Point>, coverage: Coverage | null): void {
    this.#targets = new Map(targets);
    this.#coverage = coverage;
  }

  get coverage(): Coverage | null {
    return this.#coverage;
  }

  /**
   * The data changed: `shown` is what to draw (filtered, styled), `layoutInput` what the layout
   * reads (every node and link, whatever the filter, so filtering never moves a node).
   */
  update(
    shown: readonly ElementDefinition[],
    layoutInput: readonly ElementDefinition[],
    settled: boolean,
    focus: ReadonlySet<string> = this.#focus,
    /** A live update: what arrived goes beside a neighbour and nothing else moves. */
    incremental = false,
  ): void {
    this.#shown = shown;
    this.#layoutInput = layoutInput;
    this.#settled = settled;
    this.#focus = focus;
    if (this.cy.destroyed()) return;
    this.#draw(false);
    if (incremental && this.drawnOnce && this.#coverage) {
      // Placed beside their neighbours by the draw; counting them (and a focus that grew with
      // them) as laid out keeps the rest still.
      const ids = new Set(this.#coverage.ids);
      for (const d of layoutInput) if (d.data.id !== undefined) ids.add(d.data.id);
      this.#coverage = { name: this.#coverage.name, focus: this.#focus, ids };
    }
    if (!this.#covers(layoutInput)) this.request();
    this.#maybePainted();
  }

  /** The person asked for another layout: lay out again and frame the result. */
  relayout(name: LayoutName): void {
    this.layoutName = name;
    this.follow = true;
    if (!this.#covers(this.#layoutInput)) this.request();
  }

  #covers(input: readonly ElementDefinition[]): boolean {
    const coverage = this.#coverage;
    if (!coverage || coverage.name !== this.layoutName) return false;
    for (const d of input) {
      if (d.data.id !== undefined && !coverage.ids.has(d.data.id)) return false;
    }
    // Nodes that went away take their focus with them; what stays must be gathered as it was.
    const wanted = focusIn(this.#focus, input);
    const had = focusIn(coverage.focus, input);
    return wanted.size === had.size && [...wanted].every((id) => had.has(id));
  }

  /**
   * Asks for a layout. The first picture is laid out as soon as the data has settled, or when
   * patience runs out (LayoutTiming). After it, while answers keep streaming in, a layout waits
   * for a quiet moment, so a growing graph costs a few layouts instead of one per answer.
   */
  request(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#timing.requested();
    if (!this.drawnOnce && this.#coverage === null) {
      // The first picture waits for settled data: a layout of data still streaming in would
      // be thrown away, and it costs the CPU the rest of the data is arriving on.
      if (!this.#settled && this.#patient()) {
        this.#holdFirstPicture();
        return;
      }
      this.#timing.cancel();
      void this.#drain();
      return;
    }
    this.#timing.afterQuiet(() => {
      if (this.cy.destroyed()) return;
      if (this.#running) this.#again = true;
      else void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      do {
        this.#again = false;
        const input = this.#layoutInput;
        const name = this.layoutName;
        const focus = this.#focus;
        if (this.#covers(input)) break;
        // Also for a Core that took over another's picture (a remount) before drawing its own,
        // and for data that stopped being settled while the first layout ran.
        if (this.#patient() && !this.#settled) {
          this.#holdFirstPicture();
          break;
        }
        const positions = await this.compute(input, name, focus).catch((error: unknown) => {
          // The graph stays usable where it is; the next change to it tries the layout again.
          console.error("casegraph: the layout failed", error);
          return null;
        });
        if (this.cy.destroyed()) return;
        if (!positions) break;
        const stale =
          input !== this.#layoutInput || name !== this.layoutName || focus !== this.#focus;
        const patient = this.#patient();
        if (patient && stale) {
          this.#again = true;
          continue;
        }
        if (patient && !this.#settled) {
          this.#holdFirstPicture();
          break;
        }
        await this.#apply(positions, input, name, focusIn(focus, input));
        if (this.cy.destroyed()) return;
      } while (this.#again || !this.#covers(this.#layoutInput));
    } finally {
      this.#running = false;
    }
    this.#maybePainted();
  }

  /** No picture yet, and the first one may still wait for the data to settle. */
  #patient(): boolean {
    return !this.drawnOnce && this.#timing.patient;
  }

  /** Asks again when patience runs out; data settling asks sooner, through update. */
  #holdFirstPicture(): void {
    this.#timing.untilPatienceEnds(() => {
      if (!this.cy.destroyed()) this.request();
    });
  }

  async #apply(
    positions: Map<string, Point>,
    input: readonly ElementDefinition[],
    name: LayoutName,
    focus: ReadonlySet<string>,
  ): Promise<void> {
    // The first slice of creation counts from here: framing the view is part of its task.
    const started = performance.now();
    const ids = new Set<string>();
    for (const d of input) if (d.data.id !== undefined) ids.add(d.data.id);
    this.#targets = positions;
    this.#coverage = { name, focus, ids };
    const first = !this.drawnOnce;
    const animate = !first && this.cy.nodes().length <= ANIMATE_MAX_NODES;
    // The view is framed first, from the plan, so that what it shows is created first.
    this.hooks.onLaidOut({ first, targets: positions, animate, planned: this.#planned(positions) });
    // New nodes start beside a neighbour and glide out with the rest; on the first picture (or
    // a big graph) everything is simply created where it belongs.
    this.#draw(animate, started);
    this.drawnOnce = this.drawnOnce || this.cy.nodes().nonempty();
    const laidOut = this.cy
      .nodes()
      .toArray()
      .filter((node) => positions.has(node.id()));
    const plan = animate
      ? planGlide(
          laidOut.map((node) => ({
            from: { ...node.position() },
            to: positions.get(node.id()) as Point,
            w: node.outerWidth(),
            h: node.outerHeight(),
          })),
        )
      : "jump";
    if (plan !== "jump") {
      this.#moving = true;
      try {
        await Promise.all(
          laidOut.map((node) => glide(node, positions.get(node.id()) as Point, plan)),
        );
      } finally {
        this.#moving = false;
      }
    } else {
      this.cy.batch(() => {
        for (const node of laidOut) {
          const to = positions.get(node.id()) as Point;
          const at = node.position();
          // A node just created at its target stays untouched: setting a position marks the
          // node's drawing stale even when it does not change, and its links' with it.
          if (at.x !== to.x || at.y !== to.y) node.position(to);
        }
      });
    }
  }

  /** The shown nodes that have a target, with their boxes from the stylesheet. */
  #planned(targets: ReadonlyMap<string, Point>): Map<string, PlannedNode> {
    const planned = new Map<string, PlannedNode>();
    for (const d of this.#shown) {
      const id = d.data.id;
      if (isEdge(d) || id === undefined) continue;
      const at = targets.get(id);
      if (!at) continue;
      const classes = Array.isArray(d.classes) ? d.classes : String(d.classes ?? "").split(" ");
      planned.set(id, {
        ...at,
        ...nodeSize(d),
        fontPx: nodeFontPx(d),
        root: classes.includes("root"),
      });
    }
    return planned;
  }

  /**
   * Makes the Core show `#shown`, creating each new node at a position: its layout target, or
   * (once a picture is on screen) a free spot beside a neighbour already there. Nodes with
   * neither wait for the next layout. New elements are created in slices from `started` (the
   * start of the task), those nearest the middle of the view first (sliced-creation.ts).
   */
  #draw(glide: boolean, started = performance.now()): void {
    const cy = this.cy;
    // No positions yet and nothing on screen (the first picture is waiting): nothing to create.
    if (this.#targets.size === 0 && cy.elements().empty()) return;
    const onScreen = new Map<string, NodeSingular>();
    for (const node of cy.nodes().toArray()) onScreen.set(node.id(), node);

    const nodeIds = new Set<string>();
    for (const d of this.#shown) if (!isEdge(d) && d.data.id !== undefined) nodeIds.add(d.data.id);

    const placed = new Map<string, Point>();
    const wantBeside: string[] = [];
    for (const id of nodeIds) {
      if (onScreen.has(id)) continue;
      const target = this.#targets.get(id);
      if (target && !(glide && this.#hasNeighbourOnScreen(id, onScreen))) {
        placed.set(id, target);
      } else if (this.drawnOnce) {
        wantBeside.push(id);
      }
    }
    if (wantBeside.length > 0) this.#placeBeside(wantBeside, onScreen, placed);

    const included = new Set<string>([...onScreen.keys()].filter((id) => nodeIds.has(id)));
    for (const id of placed.keys()) included.add(id);
    // What is already there is brought up to date in one batch; what is new is created below.
    const present: ElementDefinition[] = [];
    const nodesToAdd: ElementDefinition[] = [];
    const edgesToAdd: ElementDefinition[] = [];
    for (const d of this.#shown) {
      const id = d.data.id;
      if (id === undefined) continue;
      const exists = cy.getElementById(id).nonempty();
      if (isEdge(d)) {
        if (!included.has(String(d.data.source)) || !included.has(String(d.data.target))) continue;
        (exists ? present : edgesToAdd).push(d);
      } else if (included.has(id)) {
        const at = placed.get(id);
        if (exists) present.push(d);
        else nodesToAdd.push(at ? { ...d, position: { ...at } } : d);
      }
    }
    if (this.#diffed !== this.#shown || present.length !== cy.elements().length) {
      applyDiff(cy, present, { keepClasses: this.hooks.keepClasses });
      this.#diffed = this.#shown;
    }
    const shown = this.#shown;
    const targets = this.#targets;
    this.#creation.create(
      nodesToAdd,
      edgesToAdd,
      started,
      () => shown === this.#shown && targets === this.#targets,
    );
  }

  #hasNeighbourOnScreen(id: string, onScreen: ReadonlyMap<string, NodeSingular>): boolean {
    for (const other of this.#neighbours().get(id) ?? []) if (onScreen.has(other)) return true;
    return false;
  }

  #adjacency: { input: readonly ElementDefinition[]; map: Map<string, string[]> } | null = null;

  /** Neighbours by the layout's links (all of them, whatever the filter). */
  #neighbours(): Map<string, string[]> {
    if (this.#adjacency?.input === this.#layoutInput) return this.#adjacency.map;
    const map = new Map<string, string[]>();
    const link = (a: string, b: string) => {
      const list = map.get(a);
      if (list) list.push(b);
      else map.set(a, [b]);
    };
    for (const d of this.#layoutInput) {
      if (!isEdge(d)) continue;
      link(String(d.data.source), String(d.data.target));
      link(String(d.data.target), String(d.data.source));
    }
    this.#adjacency = { input: this.#layoutInput, map };
    return map;
  }

  /** Breadth-first out from what is on screen: each new node goes beside a placed neighbour. */
  #placeBeside(
    ids: readonly string[],
    onScreen: ReadonlyMap<string, NodeSingular>,
    placed: Map<string, Point>,
  ): void {
    const wanted = new Set(ids);
    const occupancy = new Occupancy();
    const boxes = new Map<string, Box>();
    for (const [id, node] of onScreen) {
      // A node on its way somewhere counts where it is going.
      const at = (this.#moving && this.#targets.get(id)) || node.position();
      const box = { x: at.x, y: at.y, w: node.outerWidth(), h: node.outerHeight() };
      boxes.set(id, box);
      occupancy.add(box);
    }
    const definitions = new Map<string, ElementDefinition>();
    for (const d of this.#shown) if (!isEdge(d) && d.data.id) definitions.set(d.data.id, d);
    const sizeOf = (id: string) => {
      const definition = definitions.get(id);
      return definition ? nodeSize(definition) : { w: 0, h: 0 };
    };
    for (const [id, at] of placed) {
      const box = { x: at.x, y: at.y, ...sizeOf(id) };
      boxes.set(id, box);
      occupancy.add(box);
    }
    const adjacency = this.#neighbours();
    const queue = [...boxes.keys()];
    for (let head = 0; head < queue.length; head++) {
      const anchorId = queue[head] as string;
      const anchor = boxes.get(anchorId) as Box;
      for (const other of adjacency.get(anchorId) ?? []) {
        if (!wanted.has(other) || boxes.has(other)) continue;
        const size = sizeOf(other);
        const at = placeBeside(anchor, size, occupancy);
        placed.set(other, at);
        boxes.set(other, { ...at, ...size });
        queue.push(other);
      }
    }
  }

  /** Records "painted" once the final layout of settled data is on screen (after it is drawn). */
  #maybePainted(): void {
    if (
      !this.#settled ||
      this.#running ||
      this.#moving ||
      this.#creation.busy ||
      this.#paintScheduled ||
      this.#paintedFor === this.#layoutInput ||
      !this.#covers(this.#layoutInput)
    ) {
      return;
    }
    const input = this.#layoutInput;
    this.#paintScheduled = true;
    // Two frames: cytoscape draws on the next one, the mark follows the drawing.
    nextFrame(() =>
      nextFrame(() => {
        this.#paintScheduled = false;
        if (this.cy.destroyed()) return;
        if (input !== this.#layoutInput) {
          this.#maybePainted();
          return;
        }
        this.#paintedFor = input;
        this.hooks.onPainted();
      }),
    );
  }
}
