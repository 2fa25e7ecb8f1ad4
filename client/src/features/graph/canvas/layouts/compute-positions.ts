import type { ElementDefinition } from "cytoscape";
import type { LayoutName } from "../../../../lib/layout-names";
import { nodeSize } from "../node-size";
import { computeCorePositions } from "./core-positions-client";
import type { LayeredInput } from "./fast-layered";
import { gatherFocus } from "./gather-focus";
import { computeLayeredPositions } from "./layered-positions-client";
import { hasClass, isEdge } from "./node-boxes";
import type { Point } from "./point";

export interface ComputeOptions {
  signal?: AbortSignal;
  /** What is in the way of the root: brought together so the opening view can show it all. */
  focus?: ReadonlySet<string>;
}

/**
 * The layered layout's input, read from the definitions (already in canonical order): sizes
 * from the stylesheet's numbers, every link, the root. No previous positions: the picture of a
 * URL must not depend on how its viewer got there. No cytoscape is involved, so a big graph
 * costs the page's thread a few milliseconds before its layout leaves for the worker.
 */
export function layeredInput(ordered: readonly ElementDefinition[]): LayeredInput {
  const nodeIds = new Set<string>();
  const input: LayeredInput = { nodes: [], edges: [], roots: [] };
  for (const d of ordered) {
    const id = d.data.id;
    if (isEdge(d) || id === undefined) continue;
    nodeIds.add(id);
    const { w, h } = nodeSize(d);
    input.nodes.push({ id, width: w, height: h });
    if (hasClass(d, "root")) input.roots.push(id);
  }
  for (const d of ordered) {
    if (!isEdge(d)) continue;
    const source = String(d.data.source);
    const target = String(d.data.target);
    // cytoscape would refuse a link to a node that is not there; so does the layout.
    if (!nodeIds.has(source) || !nodeIds.has(target)) continue;
    input.edges.push({ source, target, relationship: String(d.data.relationship ?? "") });
  }
  return input;
}

function byId(a: ElementDefinition, b: ElementDefinition): number {
  const x = a.data.id ?? "";
  const y = b.data.id ?? "";
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Nodes then edges, each sorted by id: the same data always reads the same. */
export function canonicalOrder(elements: readonly ElementDefinition[]): ElementDefinition[] {
  const nodes: ElementDefinition[] = [];
  const edges: ElementDefinition[] = [];
  for (const d of elements) (isEdge(d) ? edges : nodes).push(d);
  return [...nodes.sort(byId), ...edges.sort(byId)];
}

/**
 * Positions (node centres) for `elements`, computed away from the screen. The input is put in a
 * canonical order first, so the same data gives the same picture in every browser, whatever
 * order the answers arrived in. Then what is in the way of the root is brought together, so the
 * opening view can show all of it at a readable size: side by side in each row of the layered
 * picture, close around the root in the rings and the force picture.
 * - layered: the product's own layout, sizes from the stylesheet's numbers, in its worker;
 * - force and rings: rings by hop (and fcose from there, for the force view) in a headless
 *   cytoscape whose nodes have their boxes, in a worker of its own (fcose takes seconds on big
 *   graphs, and even the rings of 1,000 nodes were a task of over half a second on the page).
 * Resolves null when abandoned. Nothing is drawn: the caller creates elements at these positions.
 */
export async function computePositions(
  elements: readonly ElementDefinition[],
  name: LayoutName,
  options: ComputeOptions = {},
): Promise<Map<string, Point> | null> {
  const ordered = canonicalOrder(elements);
  const focus = options.focus ?? new Set<string>();
  let positions: Map<string, Point>;
  if (name === "layered") {
    // The layout's input already holds each node's box and the root.
    const input = layeredInput(ordered);
    const widths = new Map(input.nodes.map((node) => [node.id, node.width]));
    positions = gatherFocus(await computeLayeredPositions(input), widths, focus, input.roots[0]);
  } else {
    const job = {
      elements: ordered.map((d) => ({ group: d.group, data: d.data, classes: d.classes })),
      name,
      focus: [...focus].sort(),
    };
    positions = await computeCorePositions(job);
  }
  return options.signal?.aborted ? null : positions;
}
