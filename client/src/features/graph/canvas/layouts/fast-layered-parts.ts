import type { Point } from "./fast-layered";
import type { IndexedGraph } from "./fast-layered-graph";
import type { Box, PlacedComponent } from "./fast-layered-place";
import { COMPONENT_GAP } from "./fast-layered-settings";

// Parts side by side: the root's first, then the biggest; in rows about as wide as the whole.

function shiftBox(box: Box, dx: number, dy: number): void {
  box.left += dx;
  box.right += dx;
  box.top += dy;
  box.bottom += dy;
}

function shift(part: PlacedComponent, dx: number, dy: number): void {
  if (dx === 0 && dy === 0) return;
  for (let i = 0; i < part.size; i++) {
    part.x[i] = (part.x[i] as number) + dx;
    part.y[i] = (part.y[i] as number) + dy;
  }
  shiftBox(part.box, dx, dy);
  if (part.before) shiftBox(part.before, dx, dy);
}

function arrangeFresh(parts: PlacedComponent[], originX: number, originY: number): void {
  let area = 0;
  let widest = 0;
  for (const { box } of parts) {
    const w = box.right - box.left + COMPONENT_GAP;
    area += w * (box.bottom - box.top + COMPONENT_GAP);
    widest = Math.max(widest, w);
  }
  const rowWidth = Math.max(widest, Math.sqrt(area) * 1.5);
  let cursorX = 0;
  let cursorY = 0;
  let rowHeight = 0;
  for (const part of parts) {
    const w = part.box.right - part.box.left;
    if (cursorX > 0 && cursorX + w > rowWidth) {
      cursorX = 0;
      cursorY += rowHeight + COMPONENT_GAP;
      rowHeight = 0;
    }
    shift(part, originX + cursorX - part.box.left, originY + cursorY - part.box.top);
    cursorX += w + COMPONENT_GAP;
    rowHeight = Math.max(rowHeight, part.box.bottom - part.box.top);
  }
}

/**
 * A part that grew makes room the way a spreadsheet inserts rows and columns: what lies beyond
 * its old edge on the side it grew moves by exactly the growth. Distances between the others
 * never shrink, so nothing that was apart comes to overlap.
 */
function makeRoom(grown: PlacedComponent, parts: PlacedComponent[]): void {
  const was = grown.before;
  if (!was) return;
  const now = grown.box;
  const right = Math.max(0, now.right - was.right);
  const left = Math.max(0, was.left - now.left);
  const down = Math.max(0, now.bottom - was.bottom);
  const up = Math.max(0, was.top - now.top);
  if (right + left + down + up === 0) return;
  const edges = { ...was };
  for (const part of parts) {
    if (part === grown || !part.before) continue;
    const b = part.box;
    const dx = b.left >= edges.right ? right : b.right <= edges.left ? -left : 0;
    const dy = b.top >= edges.bottom ? down : b.bottom <= edges.top ? -up : 0;
    shift(part, dx, dy);
  }
}

export function arrangeComponents(
  graph: IndexedGraph,
  parts: PlacedComponent[],
): Map<string, Point> {
  parts.sort(
    (a, b) => Number(b.hasRoot) - Number(a.hasRoot) || b.size - a.size || a.first - b.first,
  );
  const kept = parts.filter((part) => part.before);
  const fresh = parts.filter((part) => !part.before);
  if (kept.length === 0) {
    arrangeFresh(fresh, 0, 0);
  } else {
    // Parts that were on screen stay where they were; new parts go to the right of everything.
    for (const part of kept) makeRoom(part, kept);
    const right = kept.reduce((most, part) => Math.max(most, part.box.right), -Infinity);
    const top = kept.reduce((least, part) => Math.min(least, part.box.top), Infinity);
    arrangeFresh(fresh, right + COMPONENT_GAP, top);
  }
  const positions = new Map<string, Point>();
  for (const part of parts) {
    part.members.forEach((v, i) => {
      positions.set(graph.ids[v] as string, { x: part.x[i] as number, y: part.y[i] as number });
    });
  }
  return positions;
}
