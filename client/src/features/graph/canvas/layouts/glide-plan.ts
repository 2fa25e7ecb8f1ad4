import type { Point } from "./point";

export interface Moving {
  from: Point;
  to: Point;
  w: number;
  h: number;
}

/** How nodes get from where they are to where the layout puts them. */
export type GlidePlan = "straight" | "rows-first" | "columns-first" | "jump";

const STEPS = 12;
/** A glide may pass boxes over each other by at most this share of the smaller box. */
const MAX_OVERLAP = 0.5;

function overlapShare(a: Point & Moving, b: Point & Moving): number {
  const w = Math.min(a.x + a.w / 2, b.x + b.w / 2) - Math.max(a.x - a.w / 2, b.x - b.w / 2);
  const h = Math.min(a.y + a.h / 2, b.y + b.h / 2) - Math.max(a.y - a.h / 2, b.y - b.h / 2);
  if (w <= 0 || h <= 0) return 0;
  return (w * h) / Math.min(a.w * a.h, b.w * b.h);
}

/** Where a node is at time t (0..1) of a plan. */
function positionAt(node: Moving, plan: Exclude<GlidePlan, "jump">, t: number): Point {
  const lerp = (a: number, b: number, s: number) => a + (b - a) * Math.min(1, Math.max(0, s));
  if (plan === "straight") {
    return { x: lerp(node.from.x, node.to.x, t), y: lerp(node.from.y, node.to.y, t) };
  }
  const first = t * 2;
  const second = t * 2 - 1;
  return plan === "rows-first"
    ? { x: lerp(node.from.x, node.to.x, second), y: lerp(node.from.y, node.to.y, first) }
    : { x: lerp(node.from.x, node.to.x, first), y: lerp(node.from.y, node.to.y, second) };
}

function isClear(nodes: readonly Moving[], plan: Exclude<GlidePlan, "jump">): boolean {
  for (let step = 1; step < STEPS; step++) {
    const t = step / STEPS;
    const at = nodes.map((node) => ({ ...node, ...positionAt(node, plan, t) }));
    for (let i = 0; i < at.length; i++) {
      for (let j = i + 1; j < at.length; j++) {
        if (overlapShare(at[i] as Point & Moving, at[j] as Point & Moving) > MAX_OVERLAP) {
          return false;
        }
      }
    }
  }
  return true;
}

/**
 * The first way of moving that never passes two boxes more than half over each other: all at
 * once in straight lines, rows first, columns first; failing those, jump (a pile-up on the way
 * is worse than a jump). Checked at a dozen points along the way; meant for small graphs.
 */
export function planGlide(nodes: readonly Moving[]): GlidePlan {
  for (const plan of ["straight", "rows-first", "columns-first"] as const) {
    if (isClear(nodes, plan)) return plan;
  }
  return "jump";
}

/** The waypoint of a two-leg plan (where the first leg ends). */
export function waypoint(node: Moving, plan: GlidePlan): Point | null {
  if (plan === "rows-first") return { x: node.from.x, y: node.to.y };
  if (plan === "columns-first") return { x: node.to.x, y: node.from.y };
  return null;
}
