import type { ElementDefinition } from "cytoscape";
import type { LayoutName } from "../../../../lib/layout-names";
import { nodeSize } from "../node-size";
import { computeCorePositions } from "./core-positions-client";
import type { LayeredInput } from "./fast-layered";
import { computeLayeredPositions } from "./layered-positions-client";
import type { Point } from "./point";

export interface ComputeOptions {
  signal?: AbortSignal;
}

function isEdge(d: ElementDefinition): boolean {
  return d.group === "edges" || d.data.source !== undefined;
}

function hasClass(d: ElementDefinition, name: string): boolean {
  const classes = d.classes ?? "";
  return (Array.isArray(classes) ? classes : classes.split(" ")).includes(name);
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
 * order the answers arrived in. The layered layout reads sizes from the stylesheet's numbers and
 * runs in its worker; the others run in a headless cytoscape with the canvas's stylesheet, in a
 * worker of their own.
 * Resolves null when abandoned. Nothing is drawn: the caller creates elements at these positions.
 */
export async function computePositions(
  elements: readonly ElementDefinition[],
  name: LayoutName,
  options: ComputeOptions = {},
): Promise<Map<string, Point> | null> {
  const ordered = canonicalOrder(elements);
  if (name === "layered") {
    const positions = await computeLayeredPositions(layeredInput(ordered));
    return options.signal?.aborted ? null : positions;
  }
  const positions = await computeCorePositions({
    elements: ordered.map((d) => ({ group: d.group, data: d.data, classes: d.classes })),
    name,
  });
  return options.signal?.aborted ? null : positions;
}
