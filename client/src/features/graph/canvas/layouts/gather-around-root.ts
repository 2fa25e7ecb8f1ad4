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

/** Coordinates and distances are compared at this precision (px): engines differ in last bits. */
const round = (value: number) => Math.round(value * 100) / 100;
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Gathers, in a ring or force picture, what is in the way of the root (`focus`) close around
 * it: each of those nodes, nearest first, takes the free place nearest the root, where its box
 * touches no box placed before it, on the line it had from the root or turned round the root
 * where that is nearer by more than the turn costs (boxes are wide and low, so a chain that ran
 * out sideways ends stacked above and below the root rather than reaching across the screen).
 * The others keep their places, moved out along their own line from the root only where a box
 * is already there, so no two boxes overlap afterwards (even where the layout left some).
 * Pure and deterministic: every decision is taken on coordinates rounded to 0.01 px, ties broken
 * by id, so last-bit differences between JavaScript engines do not change the picture.
 */
export function gatherAroundRoot(
  positions: ReadonlyMap<string, Point>,
  sizes: ReadonlyMap<string, Size>,
  focus: ReadonlySet<string>,
  root: string | undefined,
): Map<string, Point> {
  const rootAt = root === undefined ? undefined : positions.get(root);
  if (root === undefined || rootAt === undefined || focus.size === 0) return new Map(positions);
  const origin = { x: round(rootAt.x), y: round(rootAt.y) };
  if (!Number.isFinite(origin.x) || !Number.isFinite(origin.y)) return new Map(positions);
  const result = new Map<string, Point>();
  /** Each node's place as the layout left it, rounded, and how far from the root, in 0.01 px. */
  const start = new Map<string, { at: Point; out: number }>();
  for (const [id, p] of positions) {
    const at = { x: round(p.x), y: round(p.y) };
    // A place that is no place at all is left as it is, outside the gathering.
    if (!Number.isFinite(at.x) || !Number.isFinite(at.y)) result.set(id, p);
    else if (id !== root)
      start.set(id, { at, out: Math.round(Math.hypot(at.x - origin.x, at.y - origin.y) * 100) });
  }
  const nearestFirst = (a: string, b: string) =>
    (start.get(a)?.out ?? 0) - (start.get(b)?.out ?? 0) || byId(a, b);
  const ids = [...start.keys()];
  const gathered = ids.filter((id) => focus.has(id)).sort(nearestFirst);
  const others = ids.filter((id) => !focus.has(id)).sort(nearestFirst);

  const grid = new BoxGrid();
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
  const place = (id: string, at: Point, shown: Point = at) => {
    result.set(id, shown);
    grid.add(id, { ...at, ...sizeOf(id) });
  };
  /** The angle of the line from the root through where the layout put `id`. */
  const angleOf = (id: string) => {
    const { at } = start.get(id) as { at: Point };
    // A node on top of the root has no line of its own: straight down, as a child reads.
    return at.x === origin.x && at.y === origin.y
      ? Math.PI / 2
      : Math.atan2(at.y - origin.y, at.x - origin.x);
  };
  /** How far out along `angle`, from `from` px, the box of `size` first touches nothing. */
  const firstFree = (angle: number, from: number, size: Size) => {
    const ux = Math.cos(angle);
    const uy = Math.sin(angle);
    for (let r = from; ; r += STEP) {
      const at = { x: round(origin.x + ux * r), y: round(origin.y + uy * r) };
      if (isFree(at, size)) return { r, at };
    }
  };
  /**
   * Where each line from the root is first free, by line and box size. Boxes are only ever
   * added, so that place only moves out: the next box of that size starts looking there.
   */
  const firstFreeOnLine = new Map<string, number>();
  /** What is in the way: the free place nearest the root, on one of LINES lines round it. */
  const gather = (id: string) => {
    const size = sizeOf(id);
    // The nearest line; a node exactly between two takes the one before, in every engine.
    const own = Math.floor((angleOf(id) / (2 * Math.PI)) * LINES + 0.5 - 1e-9);
    let best: { cost: number; at: Point } | undefined;
    for (let turn = 0; turn <= TURNS; turn++) {
      const offLine = (turn * Math.PI) / TURNS;
      // However near the root a line further round is free, the turn alone costs more.
      if (best && TURN_COST * offLine >= best.cost) break;
      for (const side of turn === 0 ? [0] : [1, -1]) {
        const line = (((own + side * turn * PER_TURN) % LINES) + LINES) % LINES;
        const key = `${line}:${size.w}x${size.h}`;
        const angle = (line / LINES) * 2 * Math.PI;
        const { r, at } = firstFree(angle, firstFreeOnLine.get(key) ?? 0, size);
        firstFreeOnLine.set(key, r);
        const cost = r + TURN_COST * offLine;
        if (!best || cost < best.cost) best = { cost, at };
      }
    }
    if (best) place(id, best.at);
  };
  /** The others stay where they are, or go out along their line to the first free place. */
  const keep = (id: string) => {
    const { at, out } = start.get(id) as { at: Point; out: number };
    const size = sizeOf(id);
    if (isFree(at, size)) {
      place(id, at, positions.get(id) as Point);
      return;
    }
    place(id, firstFree(angleOf(id), out / 100 + STEP, size).at);
  };

  place(root, origin, rootAt);
  for (const id of gathered) gather(id);
  for (const id of others) keep(id);
  return result;
}
