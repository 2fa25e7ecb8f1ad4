import { expect, type Page } from "@playwright/test";
import { onCore } from "./core-on-page";

/** One node as cytoscape holds it: model centre and size, rendered font size, classes. */
export interface DrawnNode {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Label size on screen in CSS px: font size × zoom. */
  labelPx: number;
  /** Its box lies wholly inside the canvas pane. */
  inView: boolean;
}

export interface Picture {
  zoom: number;
  nodes: DrawnNode[];
}

/**
 * The little of a cytoscape node both readers below use. Types only: the readers run in the
 * page, where nothing from this module exists.
 */
interface NodeLike {
  id(): string;
  position(): { x: number; y: number };
  outerWidth(): number;
  outerHeight(): number;
  numericStyle(name: string): number;
  renderedBoundingBox(options: object): { x1: number; y1: number; x2: number; y2: number };
}

/**
 * Installed before the app loads: on every animation frame it reads the cytoscape Core behind
 * the graph (cytoscape keeps it on its container as `_cyreg`) and keeps the worst overlap seen
 * between two nodes (shared area over the smaller box) and the number of frames sampled.
 */
function frameSampler() {
  interface Box {
    x1: number;
    y1: number;
    x2: number;
    y2: number;
  }
  interface CoreLike {
    destroyed(): boolean;
    nodes(): { toArray(): NodeLike[] };
  }
  const record = { frames: 0, worst: 0, worstPair: "", framesWithNodes: 0, worstAt: "" };
  (window as unknown as { __pictureFrames: typeof record }).__pictureFrames = record;
  const findCore = (): CoreLike | null => {
    for (const element of document.querySelectorAll<HTMLElement>(".graph-canvas__surface div")) {
      const cy = (element as HTMLElement & { _cyreg?: { cy?: CoreLike } })._cyreg?.cy;
      if (cy && !cy.destroyed()) return cy;
    }
    return null;
  };
  const sample = () => {
    const cy = findCore();
    if (cy) {
      record.frames++;
      const boxes: Array<[string, Box]> = [];
      for (const node of cy.nodes().toArray()) {
        const p = node.position();
        const w = node.outerWidth() / 2;
        const h = node.outerHeight() / 2;
        boxes.push([node.id(), { x1: p.x - w, y1: p.y - h, x2: p.x + w, y2: p.y + h }]);
      }
      if (boxes.length > 0) record.framesWithNodes++;
      for (let i = 0; i < boxes.length; i++) {
        const [ida, a] = boxes[i] as [string, Box];
        for (let j = i + 1; j < boxes.length; j++) {
          const [idb, b] = boxes[j] as [string, Box];
          const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
          const h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
          if (w <= 0 || h <= 0) continue;
          const smaller = Math.min((a.x2 - a.x1) * (a.y2 - a.y1), (b.x2 - b.x1) * (b.y2 - b.y1));
          const share = (w * h) / smaller;
          if (share > record.worst) {
            record.worst = share;
            record.worstPair = `${ida} / ${idb}`;
            record.worstAt = `frame ${record.frames} of ${boxes.length} nodes, ${
              performance.getEntriesByName("casegraph:painted").length > 0 ? "after" : "before"
            } painted, at ${Math.round(performance.now())} ms`;
          }
        }
      }
    }
    requestAnimationFrame(sample);
  };
  requestAnimationFrame(sample);
}

/** Starts sampling every frame of the next navigation (call before `page.goto`). */
export async function sampleFrames(page: Page): Promise<void> {
  await page.addInitScript(frameSampler);
}

export interface FrameRecord {
  frames: number;
  framesWithNodes: number;
  /** Largest share of the smaller box covered by another, over every frame. */
  worst: number;
  worstPair: string;
  /** When the worst overlap was seen. */
  worstAt: string;
}

export function frameRecord(page: Page): Promise<FrameRecord> {
  return page.evaluate(
    () => (window as unknown as { __pictureFrames: FrameRecord }).__pictureFrames,
  );
}

/** The picture as cytoscape holds it now. */
export function picture(page: Page): Promise<Picture> {
  interface CoreLike {
    zoom(): number;
    width(): number;
    height(): number;
    nodes(): { toArray(): NodeLike[] };
  }
  return onCore(page, (cy: CoreLike | null) => {
    if (!cy) return { zoom: 0, nodes: [] };
    const zoom = cy.zoom();
    const width = cy.width();
    const height = cy.height();
    const nodes = cy
      .nodes()
      .toArray()
      .map((node) => {
        const p = node.position();
        const r = node.renderedBoundingBox({ includeLabels: false, includeOverlays: false });
        return {
          id: node.id(),
          x: p.x,
          y: p.y,
          w: node.outerWidth(),
          h: node.outerHeight(),
          labelPx: node.numericStyle("font-size") * zoom,
          inView: r.x1 >= -0.5 && r.y1 >= -0.5 && r.x2 <= width + 0.5 && r.y2 <= height + 0.5,
        };
      });
    return { zoom, nodes };
  });
}

/** Waits for the final layout of the settled data to be on screen and to stop moving. */
export async function waitForStillPicture(page: Page): Promise<Picture> {
  await page.waitForFunction(() => performance.getEntriesByName("casegraph:painted").length > 0);
  let previous = "";
  let still: Picture | null = null;
  await expect
    .poll(
      async () => {
        const now = await picture(page);
        const signature = JSON.stringify(now);
        const same = signature === previous && now.nodes.length > 0;
        previous = signature;
        still = now;
        return same;
      },
      { message: "the picture stops moving", intervals: [250] },
    )
    .toBe(true);
  return still as unknown as Picture;
}

/** Node centres by id, rounded to a hundredth of a pixel. */
export function positionsOf(p: Picture): Record<string, string> {
  return Object.fromEntries(
    [...p.nodes]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((node) => [node.id, `${node.x.toFixed(2)},${node.y.toFixed(2)}`]),
  );
}

/** Pairs of nodes whose boxes share more than half a pixel each way. */
export function overlappingPairs(still: Picture): string[] {
  const pairs: string[] = [];
  const box = (n: DrawnNode) => ({
    x1: n.x - n.w / 2,
    x2: n.x + n.w / 2,
    y1: n.y - n.h / 2,
    y2: n.y + n.h / 2,
  });
  still.nodes.forEach((a, i) => {
    for (const b of still.nodes.slice(i + 1)) {
      const p = box(a);
      const q = box(b);
      const w = Math.min(p.x2, q.x2) - Math.max(p.x1, q.x1);
      const h = Math.min(p.y2, q.y2) - Math.max(p.y1, q.y1);
      if (w > 0.5 && h > 0.5) pairs.push(`${a.id} / ${b.id}`);
    }
  });
  return pairs;
}
