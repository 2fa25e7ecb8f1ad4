import type { Point } from "./point";

/** Least room between two boxes of one row after reordering (the layered layout's own gap). */
const GAP = 24;
/** Centres closer than this vertically belong to one layer. */
const SAME_ROW = 30;

/**
 * Gathers, in each row of a layered picture, the nodes of `focus` (what is in the way of the
 * root) side by side, centred on the root's column; the others keep their order and places,
 * pushed aside only where the gathered block needs room, so nothing overlaps. Rows keep their
 * height, so the focus fits the smallest frame the rows allow. Pure and deterministic.
 */
export function gatherFocus(
  positions: ReadonlyMap<string, Point>,
  widths: ReadonlyMap<string, number>,
  focus: ReadonlySet<string>,
  anchor: string | undefined,
): Map<string, Point> {
  const centre = anchor === undefined ? undefined : positions.get(anchor)?.x;
  if (focus.size === 0 || centre === undefined) return new Map(positions);
  const ids = [...positions.keys()].sort((a, b) => {
    const pa = positions.get(a) as Point;
    const pb = positions.get(b) as Point;
    return pa.y - pb.y || pa.x - pb.x || (a < b ? -1 : 1);
  });
  const rows: string[][] = [];
  let rowY = Number.NEGATIVE_INFINITY;
  for (const id of ids) {
    const y = (positions.get(id) as Point).y;
    if (y - rowY > SAME_ROW || rows.length === 0) {
      rows.push([]);
      rowY = y;
    }
    rows[rows.length - 1]?.push(id);
  }
  const result = new Map<string, Point>();
  for (const row of rows) {
    const inFocus = row.filter((id) => focus.has(id));
    if (inFocus.length === 0 || inFocus.length === row.length) {
      for (const id of row) result.set(id, positions.get(id) as Point);
      continue;
    }
    const x = (id: string) => (positions.get(id) as Point).x;
    const y = (id: string) => (positions.get(id) as Point).y;
    const width = (id: string) => widths.get(id) ?? 0;
    // The focus side by side, every row's block centred on the root's column.
    const blockWidth = inFocus.reduce((sum, id) => sum + width(id), 0) + GAP * (inFocus.length - 1);
    const middle = centre;
    let left = middle - blockWidth / 2;
    const blockLeft = left;
    for (const id of inFocus) {
      result.set(id, { x: left + width(id) / 2, y: y(id) });
      left += width(id) + GAP;
    }
    const blockRight = left - GAP;
    // The others keep their order and their places, pushed aside where the block needs room.
    const others = row.filter((id) => !focus.has(id));
    const leftOf = others.filter((id) => x(id) < middle).reverse();
    const rightOf = others.filter((id) => x(id) >= middle);
    let edge = blockLeft;
    for (const id of leftOf) {
      const at = Math.min(x(id), edge - GAP - width(id) / 2);
      result.set(id, { x: at, y: y(id) });
      edge = at - width(id) / 2;
    }
    edge = blockRight;
    for (const id of rightOf) {
      const at = Math.max(x(id), edge + GAP + width(id) / 2);
      result.set(id, { x: at, y: y(id) });
      edge = at + width(id) / 2;
    }
  }
  return result;
}
