/** A node's box: centre and outer size, in model px. */
export interface NodeBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Cell side in model px: about one node box, so a link between neighbours looks at few cells. */
const CELL = 256;
/** Cells are keyed by one number; coordinates this far either side of 0 stay distinct. */
const SPAN = 1 << 15;

const cellOf = (v: number) => Math.floor(v / CELL);
const keyOf = (cx: number, cy: number) => (cx + SPAN) * 2 * SPAN + (cy + SPAN);

/**
 * Node boxes in a uniform grid, so the boxes near a line are found without looking at every
 * node: the detours check every link, and every node may stand in front of any of them.
 */
export class BoxGrid {
  readonly ids: string[] = [];
  readonly boxes: NodeBox[] = [];
  readonly #cells = new Map<number, number[]>();
  /** The query each box was last reported for, so a box in several cells is reported once. */
  readonly #seen: number[] = [];
  #query = 0;
  readonly #found: number[] = [];

  constructor(boxes: ReadonlyMap<string, NodeBox> = new Map()) {
    for (const [id, box] of boxes) this.add(id, box);
  }

  /** One more box: the grid grows as a picture is placed, box by box. */
  add(id: string, box: NodeBox): void {
    // A box at no finite place is in no cell (and would have the cell loops run for ever).
    if (!Number.isFinite(box.x + box.y + box.w + box.h)) return;
    const index = this.ids.length;
    this.ids.push(id);
    this.boxes.push(box);
    this.#seen.push(-1);
    for (let cx = cellOf(box.x - box.w / 2); cx <= cellOf(box.x + box.w / 2); cx++) {
      for (let cy = cellOf(box.y - box.h / 2); cy <= cellOf(box.y + box.h / 2); cy++) {
        const key = keyOf(cx, cy);
        const list = this.#cells.get(key);
        if (list) list.push(index);
        else this.#cells.set(key, [index]);
      }
    }
  }

  /**
   * The boxes in the cells the rectangle touches, each once. The array is reused by the next
   * call: read it before asking again.
   */
  near(x1: number, y1: number, x2: number, y2: number): readonly number[] {
    const query = this.#query++;
    const found = this.#found;
    found.length = 0;
    if (!Number.isFinite(x1 + y1 + x2 + y2)) return found;
    for (let cx = cellOf(Math.min(x1, x2)); cx <= cellOf(Math.max(x1, x2)); cx++) {
      for (let cy = cellOf(Math.min(y1, y2)); cy <= cellOf(Math.max(y1, y2)); cy++) {
        const list = this.#cells.get(keyOf(cx, cy));
        if (!list) continue;
        for (const index of list) {
          if (this.#seen[index] === query) continue;
          this.#seen[index] = query;
          found.push(index);
        }
      }
    }
    return found;
  }
}
