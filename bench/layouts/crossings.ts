import type { Point } from "../../client/src/features/graph/canvas/layouts/fast-layered";

interface Segment {
  source: string;
  target: string;
  a: Point;
  b: Point;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

const orientation = (p: Point, q: Point, r: Point) =>
  Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));

/**
 * Edge crossings as a person sees them: straight lines between node centres (how the canvas
 * draws every layout), each pair of links that cross counted once; links that share an end
 * never count. One function for every layout compared, so the counts compare.
 */
export function countCrossings(
  edges: readonly { source: string; target: string }[],
  positions: ReadonlyMap<string, Point>,
): number {
  const seen = new Set<string>();
  const segments: Segment[] = [];
  for (const { source, target } of edges) {
    const a = positions.get(source);
    const b = positions.get(target);
    const pair = source < target ? `${source} ${target}` : `${target} ${source}`;
    if (!a || !b || source === target || seen.has(pair)) continue;
    seen.add(pair);
    segments.push({
      source,
      target,
      a,
      b,
      minX: Math.min(a.x, b.x),
      maxX: Math.max(a.x, b.x),
      minY: Math.min(a.y, b.y),
      maxY: Math.max(a.y, b.y),
    });
  }
  segments.sort((s, t) => s.minX - t.minX);
  let crossings = 0;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i] as Segment;
    for (let j = i + 1; j < segments.length; j++) {
      const t = segments[j] as Segment;
      if (t.minX > s.maxX) break;
      if (t.minY > s.maxY || t.maxY < s.minY) continue;
      if (s.source === t.source || s.source === t.target) continue;
      if (s.target === t.source || s.target === t.target) continue;
      const d1 = orientation(s.a, s.b, t.a);
      const d2 = orientation(s.a, s.b, t.b);
      const d3 = orientation(t.a, t.b, s.a);
      const d4 = orientation(t.a, t.b, s.b);
      if (d1 * d2 < 0 && d3 * d4 < 0) crossings++;
    }
  }
  return crossings;
}
