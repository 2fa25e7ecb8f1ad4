import { BoxGrid } from "../box-grid";
import type { Size } from "../node-size";
import type { Point } from "./point";

/** Least room between two boxes, either way (the layered layout's own gap). */
const GAP = 24;
/** How far a box moves along its direction from the root between two tries, in model px. */
const STEP = 8;
/** A half turn is tried in this many steps each way around the root. */
const TURNS = 12;
/** Lines from the root a box of what is in the way may take: four between two turns. */
const PER_TURN = 4;
const LINES = 2 * TURNS * PER_TURN;
/** What turning off a node's own line costs, in model px per radian: a half turn is 125 px. */
const TURN_COST = 40;

/**
 * Gathers, in a ring or force picture, what is in the way of the root (`focus`) close around
 * it: each of those nodes, nearest first, takes the free place nearest the root in the direction
 * it had from the root (or a little off it), where its box touches no box placed before it. The others
 * keep their places, moved out along their own line from the root only where a box is already
 * there, so no two boxes overlap afterwards (even where the layout left some overlapping).
 * Directions are kept, so the picture reads as the layout drew it, with what is in the way small
 * enough for the opening view to show all of it at a readable size. Pure and deterministic.
 */
export function gatherAroundRoot(
  positions: ReadonlyMap<string, Point>,
  sizes: ReadonlyMap<string, Size>,
  focus: ReadonlySet<string>,
  root: string | undefined,
): Map<string, Point> {
  const origin = root === undefined ? undefined : positions.get(root);
  if (root === undefined || origin === undefined || focus.size === 0) return new Map(positions);
  const distance = (id: string) => {
    const p = positions.get(id) as Point;
    return Math.hypot(p.x - origin.x, p.y - origin.y);
  };
  const nearestFirst = (a: string, b: string) =>
    distance(a) - distance(b) || (a < b ? -1 : a > b ? 1 : 0);
  const ids = [...positions.keys()].filter((id) => id !== root);
  const gathered = ids.filter((id) => focus.has(id)).sort(nearestFirst);
  const others = ids.filter((id) => !focus.has(id)).sort(nearestFirst);

  const grid = new BoxGrid();
  const result = new Map<string, Point>();
  const sizeOf = (id: string): Size => sizes.get(id) ?? { w: 0, h: 0 };
  const isFree = (at: Point, size: Size) => {
    const reachX = size.w / 2 + GAP;
    const reachY = size.h / 2 + GAP;
    for (const index of grid.near(at.x - reachX, at.y - reachY, at.x + reachX, at.y + reachY)) {
      const box = grid.boxes[index];
      if (!box) continue;
      if (
        Math.abs(box.x - at.x) < (box.w + size.w) / 2 + GAP &&
        Math.abs(box.y - at.y) < (box.h + size.h) / 2 + GAP
      )
        return false;
    }
    return true;
  };
  const place = (id: string, at: Point) => {
    result.set(id, at);
    grid.add(id, { ...at, ...sizeOf(id) });
  };
  /** The line from the root through `id`: its angle, and how far out `id` is along it. */
  const lineOf = (id: string) => {
    const p = positions.get(id) as Point;
    // A node on top of the root has no line of its own: straight down, as a child reads.
    return { angle: distance(id) > 0 ? Math.atan2(p.y - origin.y, p.x - origin.x) : Math.PI / 2 };
  };
  /** How far out along `angle`, from `from` px, the box of `size` first touches nothing. */
  const firstFree = (angle: number, from: number, size: Size) => {
    const ux = Math.cos(angle);
    const uy = Math.sin(angle);
    for (let r = from; ; r += STEP) {
      const at = { x: origin.x + ux * r, y: origin.y + uy * r };
      if (isFree(at, size)) return { r, at };
    }
  };
  /**
   * Where each line from the root is first free, by line and box size. Boxes are only ever
   * added, so that place only moves out: the next box of that size starts looking there.
   */
  const firstFreeOnLine = new Map<string, number>();
  /**
   * What is in the way goes to the free place nearest the root, on its own line or turned off
   * it by a few steps where that is much nearer, so a chain that ran out in one direction
   * curls around the root instead of reaching across the screen. Lines are one of LINES
   * directions around the root, so what was learnt of one serves the next box.
   */
  const gather = (id: string) => {
    const size = sizeOf(id);
    const own = Math.round((lineOf(id).angle / (2 * Math.PI)) * LINES);
    let best: { cost: number; at: Point } | undefined;
    for (let turn = 0; turn <= TURNS; turn++) {
      const offLine = (turn * Math.PI) / TURNS;
      // However near the root a line further round is free, the turn alone costs more.
      if (best && TURN_COST * offLine >= best.cost) break;
      for (const side of turn === 0 ? [0] : [1, -1]) {
        const line = (((own + side * turn * PER_TURN) % LINES) + LINES) % LINES;
        const key = `${line}:${size.w}x${size.h}`;
        const { r, at } = firstFree(
          (line / LINES) * 2 * Math.PI,
          firstFreeOnLine.get(key) ?? 0,
          size,
        );
        firstFreeOnLine.set(key, r);
        const cost = r + TURN_COST * offLine;
        if (!best || cost < best.cost) best = { cost, at };
      }
    }
    if (best) place(id, best.at);
  };
  /** The others stay where they are, or go out along their line to the first free place. */
  const keep = (id: string) => {
    const { r, at } = firstFree(lineOf(id).angle, distance(id), sizeOf(id));
    place(id, r === distance(id) ? (positions.get(id) as Point) : at);
  };

  place(root, origin);
  for (const id of gathered) gather(id);
  for (const id of others) keep(id);
  return result;
}
