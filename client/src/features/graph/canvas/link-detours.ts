import { BoxGrid, type NodeBox } from "./box-grid";
import type { Point } from "./layouts/point";
import { LONG_EDGE_PX } from "./long-edges";

/**
 * Links that would run behind a node they do not join, bent round it.
 *
 * cytoscape draws a link as a straight line between its ends. A layered picture keeps room for
 * a long link in the layers it crosses, but the line itself can still pass behind a node in
 * between: in a three-case deadlock standing in one column, the link from the bottom case back
 * to the top one runs straight through the middle case, and the deadlock reads as a chain. Here
 * each such link gets a detour: it leaves its source, steps sideways past the nodes in its way
 * (on whichever side is free and shorter) and comes back to its target. Pure geometry, so the
 * same picture gives the same detours whatever the layout that made it.
 */

export interface LinkEnds {
  id: string;
  source: string;
  target: string;
}

/**
 * Bend points as cytoscape's segment edges take them, measured from the source's centre along
 * the line to the target's: `weights` are fractions of the way (below 0 or past 1 for a bend
 * beyond an end, as a route along a gap past the source can have; cytoscape draws those too),
 * `distances` px to the left of the direction of travel.
 */
export interface Detour {
  weights: number[];
  distances: number[];
}

/** Room kept between a detour and the box it steps round. */
export const DETOUR_CLEARANCE = 12;
/** Links between the same two nodes that both need a detour run side by side this far apart. */
const PARALLEL_GAP = 10;
/**
 * A line counts as behind a box when it passes this far inside it: one that only clips a
 * corner still reads as going past, and stepping round it would draw a bigger bend than the
 * corner it avoids.
 */
const TOUCH_PX = -4;
/**
 * Only links that a few boxes stand in front of step round them. A link that crosses a whole
 * region of the picture (a RELATES_TO between far parts, one longer than LONG_EDGE_PX) would
 * need a route of its own through that region; a detour round each box would draw a maze.
 */
const MAX_IN_WAY = 3;
/** A detour keeps at least this far from every box it passes, not only the ones it avoids. */
const ROUTE_PAD = 4;
/** Rounds of adding what a detour newly runs into and routing again. */
const ROUNDS = 3;
/**
 * A route along the gaps between boxes keeps this far from every box: it runs down the middle
 * of a gap, so it shares the room a sideways step keeps on one side. The layout's gaps leave
 * about twice this either side; a narrower gap would draw the line against both its boxes.
 */
const GAP_ROOM = DETOUR_CLEARANCE / 2;

// The clipping window of `crosses`, kept outside it so that testing a box allocates nothing.
let enter = 0;
let leave = 1;

function clip(p: number, q: number): boolean {
  if (p === 0) return q >= 0;
  const r = q / p;
  if (p < 0) {
    if (r > leave) return false;
    if (r > enter) enter = r;
  } else {
    if (r < enter) return false;
    if (r < leave) leave = r;
  }
  return true;
}

/** Whether the segment a→b passes through the box grown by `pad` (Liang–Barsky clipping). */
function crosses(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  box: NodeBox,
  pad: number,
): boolean {
  const hw = box.w / 2 + pad;
  const hh = box.h / 2 + pad;
  const dx = bx - ax;
  const dy = by - ay;
  enter = 0;
  leave = 1;
  return (
    clip(-dx, ax - (box.x - hw)) &&
    clip(dx, box.x + hw - ax) &&
    clip(-dy, ay - (box.y - hh)) &&
    clip(dy, box.y + hh - ay) &&
    enter < leave
  );
}

/** The boxes (other than the link's ends) that a path through `points` passes behind. */
function blockers(
  points: readonly Point[],
  grid: BoxGrid,
  ends: readonly string[],
  pad: number,
): string[] {
  const hit: string[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    for (const index of grid.near(a.x, a.y, b.x, b.y)) {
      const id = grid.ids[index] as string;
      if (hit.includes(id) || ends.includes(id)) continue;
      if (crosses(a.x, a.y, b.x, b.y, grid.boxes[index] as NodeBox, pad)) hit.push(id);
    }
  }
  return hit;
}

interface Frame {
  sx: number;
  sy: number;
  ux: number;
  uy: number;
  length: number;
}

/**
 * A path on one side (`side` +1 is the left of travel): for the boxes in the way, grouped where
 * they overlap along the line, two bend points level with the group's ends, far enough out to
 * clear every box of the group.
 */
function route(frame: Frame, inWay: readonly NodeBox[], side: 1 | -1): Detour {
  const { sx, sy, ux, uy, length } = frame;
  const nx = -uy;
  const ny = ux;
  const spans = inWay
    .map((box) => {
      const along = (box.x - sx) * ux + (box.y - sy) * uy;
      const across = (box.x - sx) * nx + (box.y - sy) * ny;
      const halfAlong = (box.w / 2) * Math.abs(ux) + (box.h / 2) * Math.abs(uy);
      const halfAcross = (box.w / 2) * Math.abs(nx) + (box.h / 2) * Math.abs(ny);
      return {
        from: along - halfAlong - DETOUR_CLEARANCE,
        to: along + halfAlong + DETOUR_CLEARANCE,
        out: side * across + halfAcross + DETOUR_CLEARANCE,
      };
    })
    .sort((a, b) => a.from - b.from);
  const weights: number[] = [];
  const distances: number[] = [];
  let group: { from: number; to: number; out: number } | null = null;
  const close = () => {
    if (!group) return;
    const from = Math.max(0, group.from);
    const to = Math.min(length, group.to);
    if (to > from) {
      weights.push(from / length, to / length);
      distances.push(side * group.out, side * group.out);
    }
  };
  for (const span of spans) {
    if (group && span.from <= group.to) {
      group.to = Math.max(group.to, span.to);
      group.out = Math.max(group.out, span.out);
    } else {
      close();
      group = { ...span };
    }
  }
  close();
  return { weights, distances };
}

function pointsOf(frame: Frame, detour: Detour): Point[] {
  const { sx, sy, ux, uy, length } = frame;
  const points = [{ x: sx, y: sy }];
  detour.weights.forEach((w, i) => {
    const d = detour.distances[i] as number;
    points.push({ x: sx + ux * w * length - uy * d, y: sy + uy * w * length + ux * d });
  });
  points.push({ x: sx + ux * length, y: sy + uy * length });
  return points;
}

function widest(detour: Detour): number {
  return detour.distances.reduce((most, d) => Math.max(most, Math.abs(d)), 0);
}

/**
 * A route on one side round the boxes in the way, and then round what that route runs into in
 * turn, for a few rounds; null when it does not come clear.
 */
function clearRoute(
  frame: Frame,
  straight: readonly string[],
  side: 1 | -1,
  boxes: ReadonlyMap<string, NodeBox>,
  grid: BoxGrid,
  ends: readonly string[],
): Detour | null {
  const inWay = new Set(straight);
  for (let round = 0; round < ROUNDS; round++) {
    const detour = route(
      frame,
      [...inWay].map((id) => boxes.get(id) as NodeBox),
      side,
    );
    if (detour.weights.length === 0) return null;
    const hit = blockers(pointsOf(frame, detour), grid, ends, ROUTE_PAD);
    if (hit.length === 0) return detour;
    for (const id of hit) inWay.add(id);
  }
  return null;
}

/** Whether a path's legs cross its own ends' boxes anywhere but where it leaves and arrives. */
function crossesOwnEnds(points: readonly Point[], s: NodeBox, t: NodeBox) {
  const last = points.length - 2;
  for (let i = 0; i <= last; i++) {
    const a = points[i] as Point;
    const b = points[i + 1] as Point;
    if (i > 0 && crosses(a.x, a.y, b.x, b.y, s, GAP_ROOM)) return true;
    if (i < last && crosses(a.x, a.y, b.x, b.y, t, GAP_ROOM)) return true;
  }
  return false;
}

/** Midpoints of the gaps between the edges (sorted) that boxes have along one axis. */
function gapMiddles(edges: number[]): { at: number; width: number }[] {
  edges.sort((a, b) => a - b);
  const middles: { at: number; width: number }[] = [];
  for (let i = 1; i < edges.length; i++) {
    const width = (edges[i] as number) - (edges[i - 1] as number);
    if (width > 2 * GAP_ROOM) middles.push({ at: (edges[i - 1] as number) + width / 2, width });
  }
  return middles;
}

/**
 * The route along the gaps between boxes, for a link a sideways step cannot clear. Stepping
 * aside along a slanting link cuts across the rows and columns the boxes stand in, so it runs
 * into the neighbours of the box it avoids; the free room of such a picture is the gaps
 * between them. The link leaves its source along one axis, runs along a gap and arrives along
 * the same axis (or turns once, when a corner is free), by the shortest such route that comes
 * clear, in the wider gap of two as short; null when none does.
 */
function alongGaps(
  from: string,
  to: string,
  frame: Frame,
  boxes: ReadonlyMap<string, NodeBox>,
  grid: BoxGrid,
): Detour | null {
  const s = boxes.get(from) as NodeBox;
  const t = boxes.get(to) as NodeBox;
  // The gaps that can matter lie round the two ends, up to about a box beyond them.
  const margin = Math.max(s.w, s.h, t.w, t.h);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const index of grid.near(
    Math.min(s.x, t.x) - margin,
    Math.min(s.y, t.y) - margin,
    Math.max(s.x, t.x) + margin,
    Math.max(s.y, t.y) + margin,
  )) {
    const box = grid.boxes[index] as NodeBox;
    xs.push(box.x - box.w / 2, box.x + box.w / 2);
    ys.push(box.y - box.h / 2, box.y + box.h / 2);
  }
  const outside = (p: Point, box: NodeBox) =>
    Math.abs(p.x - box.x) > box.w / 2 || Math.abs(p.y - box.y) > box.h / 2;
  const acrossRow = (at: number) => [
    { x: s.x, y: at },
    { x: t.x, y: at },
  ];
  const alongColumn = (at: number) => [
    { x: at, y: s.y },
    { x: at, y: t.y },
  ];
  const [upper, lower] = s.y <= t.y ? [s, t] : [t, s];
  const candidates: { bends: Point[]; width: number }[] = [
    // One turn, preferred to two elbows of the same length: first the one that leaves the upper
    // end downwards, so that of two as short the picture, not the ids, picks.
    { bends: [{ x: upper.x, y: lower.y }], width: Number.POSITIVE_INFINITY },
    { bends: [{ x: lower.x, y: upper.y }], width: Number.POSITIVE_INFINITY },
    // Two elbows, through the middle of a gap between rows, or between columns.
    ...gapMiddles(ys).map((gap) => ({ bends: acrossRow(gap.at), width: gap.width })),
    ...gapMiddles(xs).map((gap) => ({ bends: alongColumn(gap.at), width: gap.width })),
  ];
  const ends = [from, to];
  let best: { bends: Point[]; width: number; length: number } | null = null;
  for (const { bends, width } of candidates) {
    // A bend inside an end's own box would leave cytoscape no line to draw out of it.
    if (!bends.every((p) => outside(p, s) && outside(p, t))) continue;
    const points = [{ x: s.x, y: s.y }, ...bends, { x: t.x, y: t.y }];
    let length = 0;
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1] as Point;
      const b = points[i] as Point;
      length += Math.hypot(b.x - a.x, b.y - a.y);
    }
    if (best && (length > best.length + 0.5 || (length > best.length - 0.5 && width <= best.width)))
      continue;
    if (crossesOwnEnds(points, s, t)) continue;
    if (blockers(points, grid, ends, GAP_ROOM).length > 0) continue;
    best = { bends, width, length };
  }
  if (!best) return null;
  const { sx, sy, ux, uy, length } = frame;
  return {
    weights: best.bends.map((p) => ((p.x - sx) * ux + (p.y - sy) * uy) / length),
    distances: best.bends.map((p) => (p.y - sy) * ux - (p.x - sx) * uy),
  };
}

/** The detour for a line from `from` to `to`, or null when nothing is in its way. */
function detourBetween(
  from: string,
  to: string,
  boxes: ReadonlyMap<string, NodeBox>,
  grid: BoxGrid,
): { detour: Detour; side: 1 | -1 } | null {
  const s = boxes.get(from) as NodeBox;
  const t = boxes.get(to) as NodeBox;
  const length = Math.hypot(t.x - s.x, t.y - s.y);
  if (length < 1 || length > LONG_EDGE_PX) return null;
  const frame = { sx: s.x, sy: s.y, ux: (t.x - s.x) / length, uy: (t.y - s.y) / length, length };
  const ends = [from, to];
  const straight = blockers(pointsOf(frame, { weights: [], distances: [] }), grid, ends, TOUCH_PX);
  if (straight.length === 0 || straight.length > MAX_IN_WAY) return null;
  // Either side, whichever clears with the smaller step. Only a detour that clears every box
  // is drawn: one that still ran behind a node would leave the same doubt, with a bend added.
  let best: { detour: Detour; side: 1 | -1 } | null = null;
  for (const side of [1, -1] as const) {
    const detour = clearRoute(frame, straight, side, boxes, grid, ends);
    if (detour && (!best || widest(detour) < widest(best.detour))) best = { detour, side };
  }
  if (best) return best;
  const detour = alongGaps(from, to, frame, boxes, grid);
  if (!detour) return null;
  // Links beside it step out further on the side where it runs furthest from the line.
  const furthest = detour.distances.reduce((most, d) => (Math.abs(d) > Math.abs(most) ? d : most));
  return { detour, side: furthest < 0 ? -1 : 1 };
}

/**
 * Detours for every link that runs behind a node it does not join, by link id. Links between
 * the same two nodes share one route, each a little further out than the one before, so they
 * stay apart as cytoscape's own bundles do.
 */
export function planDetours(
  boxes: ReadonlyMap<string, NodeBox>,
  links: readonly LinkEnds[],
): Map<string, Detour> {
  const pairs = new Map<string, LinkEnds[]>();
  for (const link of links) {
    if (link.source === link.target || !boxes.has(link.source) || !boxes.has(link.target)) continue;
    const key =
      link.source < link.target
        ? `${link.source}\u0000${link.target}`
        : `${link.target}\u0000${link.source}`;
    const list = pairs.get(key);
    if (list) list.push(link);
    else pairs.set(key, [link]);
  }
  const detours = new Map<string, Detour>();
  const grid = new BoxGrid(boxes);
  for (const [key, list] of pairs) {
    const [low, high] = key.split("\u0000") as [string, string];
    const found = detourBetween(low, high, boxes, grid);
    if (!found) continue;
    list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    list.forEach((link, k) => {
      const distances = found.detour.distances.map((d) => d + found.side * k * PARALLEL_GAP);
      // Measured from the low id's end: a link the other way round reads the same bends from
      // its own source, so the fractions run backwards and left becomes right.
      detours.set(
        link.id,
        link.source === low
          ? { weights: found.detour.weights, distances }
          : {
              weights: found.detour.weights.map((w) => 1 - w).reverse(),
              distances: distances.map((d) => -d).reverse(),
            },
      );
    });
  }
  return detours;
}
