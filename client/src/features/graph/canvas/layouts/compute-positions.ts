import cytoscape, { type Core, type ElementDefinition } from "cytoscape";
import type { LayoutName } from "../../../../lib/layout-names";
import { GRAPH_STYLESHEET } from "../graph-styles";
import type { Point } from "./elk-graph";
import type { ElkLayoutFn } from "./elk-runner";
import type { LayeredInput } from "./fast-layered";
import { computeLayeredPositions } from "./layered-positions-client";
import { runLayout } from "./run-layout";

export interface ComputeOptions {
  signal?: AbortSignal;
  elk?: ElkLayoutFn;
}

/**
 * The layered layout's input, read from a Core: sizes from the styles, every link, the root.
 * No previous positions: the picture of a URL must not depend on how its viewer got there.
 */
function layeredInput(cy: Core): LayeredInput {
  return {
    nodes: cy
      .nodes()
      .filter((node) => !node.isParent())
      .map((node) => ({ id: node.id(), width: node.outerWidth(), height: node.outerHeight() })),
    edges: cy.edges().map((edge) => ({
      source: edge.source().id(),
      target: edge.target().id(),
      relationship: String(edge.data("relationship") ?? ""),
    })),
    roots: cy.nodes(".root").map((node) => node.id()),
  };
}

function byId(a: ElementDefinition, b: ElementDefinition): number {
  const x = a.data.id ?? "";
  const y = b.data.id ?? "";
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Nodes (parents first) then edges, each sorted by id: the same data always reads the same. */
export function canonicalOrder(elements: readonly ElementDefinition[]): ElementDefinition[] {
  const parents: ElementDefinition[] = [];
  const nodes: ElementDefinition[] = [];
  const edges: ElementDefinition[] = [];
  const parentIds = new Set<string>();
  for (const d of elements) if (typeof d.data.parent === "string") parentIds.add(d.data.parent);
  for (const d of elements) {
    const isEdge = d.group === "edges" || d.data.source !== undefined;
    if (isEdge) edges.push(d);
    else if (d.data.id !== undefined && parentIds.has(d.data.id)) parents.push(d);
    else nodes.push(d);
  }
  return [...parents.sort(byId), ...nodes.sort(byId), ...edges.sort(byId)];
}

/**
 * Positions (node centres) for `elements`, computed away from the screen: in a headless
 * cytoscape with the canvas's stylesheet, so sizes come from the styles and never from font
 * measurement. The input is put in a canonical order first, so the same data gives the same
 * picture in every browser, whatever order the answers arrived in. Resolves null when
 * abandoned. Nothing is drawn: the caller creates elements at these positions.
 */
export async function computePositions(
  elements: readonly ElementDefinition[],
  name: LayoutName,
  options: ComputeOptions = {},
): Promise<Map<string, Point> | null> {
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: GRAPH_STYLESHEET,
    elements: canonicalOrder(elements).map((d) => ({
      group: d.group,
      data: d.data,
      classes: d.classes,
    })),
  });
  try {
    if (name === "layered") {
      const positions = await computeLayeredPositions(layeredInput(cy));
      return options.signal?.aborted ? null : positions;
    }
    const finished = await runLayout(cy, name, {
      fit: false,
      animate: false,
      signal: options.signal,
      elk: options.elk,
    });
    if (!finished || options.signal?.aborted) return null;
    const positions = new Map<string, Point>();
    for (const node of cy.nodes().toArray()) {
      if (node.isParent()) continue;
      const { x, y } = node.position();
      positions.set(node.id(), { x, y });
    }
    return positions;
  } finally {
    cy.destroy();
  }
}
