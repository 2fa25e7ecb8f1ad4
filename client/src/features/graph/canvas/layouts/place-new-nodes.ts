import type { Point } from "./point";

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Room left between a placed node and its neighbours. */
const GAP = 24;
const CELL = 240;
/** Rings of candidate spots tried around the anchor before giving up on a free one. */
const RINGS = 6;

/**
 * The boxes already on the canvas, bucketed by area, so finding a free spot beside a neighbour
 * costs a few lookups whatever the size of the graph.
 */
export class Occupancy {
  readonly #cells = new Map<string, Box[]>();

  add(box: Box): void {
    for (const key of this.#keys(box)) {
      let cell = this.#cells.get(key);
      if (!cell) {
        cell = [];
        this.#cells.set(key, cell);
      }
      cell.push(box);
    }
  }

  /** True when `box`, grown by the gap, touches nothing placed. */
  isFree(box: Box): boolean {
    const grown = { x: box.x, y: box.y, w: box.w + GAP, h: box.h + GAP };
    for (const key of this.#keys(grown)) {
      for (const other of this.#cells.get(key) ?? []) {
        if (
          Math.abs(other.x - grown.x) * 2 < other.w + grown.w &&
          Math.abs(other.y - grown.y) * 2 < other.h + grown.h
        ) {
          return false;
        }
      }
    }
    return true;
  }

  *#keys(box: Box): Iterable<string> {
    const x1 = Math.floor((box.x - box.w / 2) / CELL);
    const x2 = Math.floor((box.x + box.w / 2) / CELL);
    const y1 = Math.floor((box.y - box.h / 2) / CELL);
    const y2 = Math.floor((box.y + box.h / 2) / CELL);
    for (let i = x1; i <= x2; i++) for (let j = y1; j <= y2; j++) yield `${i},${j}`;
  }
}

/**
 * A free spot for a node of size `w`×`h` beside `anchor`: below it first (children read below
 * their parents), then beside and above, ring after ring. The spot is taken in `occupancy`.
 * Deterministic: the same boxes and anchor give the same spot.
 */
export function placeBeside(
  anchor: Box,
  size: { w: number; h: number },
  occupancy: Occupancy,
): Point {
  const stepX = Math.max(anchor.w, size.w) + GAP;
  const stepY = Math.max(anchor.h, size.h) + GAP * 2;
  for (let ring = 1; ring <= RINGS; ring++) {
    for (const [dx, dy] of ringOffsets(ring)) {
      const spot = { x: anchor.x + dx * stepX, y: anchor.y + dy * stepY, w: size.w, h: size.h };
      if (occupancy.isFree(spot)) {
        occupancy.add(spot);
        return { x: spot.x, y: spot.y };
      }
    }
  }
  // Crowded all round: one more row below the farthest ring, which nothing reaches.
  const spot = {
    x: anchor.x,
    y: anchor.y + (RINGS + 1) * stepY,
    w: size.w,
    h: size.h,
  };
  occupancy.add(spot);
  return { x: spot.x, y: spot.y };
}

/** Offsets (in steps) on the square ring `r` around the anchor, nearest to "straight below" first. */
function ringOffsets(r: number): Array<[number, number]> {
  const offsets: Array<[number, number]> = [];
  for (let dx = -r; dx <= r; dx++) {
    for (let dy = -r; dy <= r; dy++) {
      if (Math.max(Math.abs(dx), Math.abs(dy)) === r) offsets.push([dx, dy]);
    }
  }
  // Below before beside before above; nearer the vertical before farther out.
  const score = ([dx, dy]: [number, number]) =>
    (dy > 0 ? 0 : dy === 0 ? 1 : 2) * 100 + Math.abs(dx) * 10 + Math.abs(dy);
  return offsets.sort((a, b) => score(a) - score(b) || a[0] - b[0]);
}
