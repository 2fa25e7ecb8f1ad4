import type { GraphNode, GraphSnapshot } from "../../../lib/graph-types";

/**
 * A reading for tests: `links` as "A BLOCKS B" sentences, labels by case name (the case's key
 * is its name unless `key` says otherwise).
 */
export function reading(
  links: string[],
  labels: Record<string, { status?: string; priority?: string; key?: string }> = {},
): GraphSnapshot {
  const nodes = new Map<string, GraphNode>();
  const edges = links.map((sentence) => {
    const [source = "", relationship = "", target = ""] = sentence.split(" ");
    return { id: sentence, source, target, relationship };
  });
  const names = new Set(["ROOT", ...Object.keys(labels)]);
  for (const edge of edges) names.add(edge.source).add(edge.target);
  for (const name of names) {
    const { status = "OPEN", priority = "P3", key = name } = labels[name] ?? {};
    nodes.set(name, {
      key: name,
      type: "CASE",
      id: name,
      hop: 0,
      frontier: false,
      labelStatus: "done",
      linksStatus: "done",
      label: { type: "CASE", id: name, key, status, priority },
    });
  }
  return { rootKey: "ROOT", nodes, edges, incomplete: false };
}

export const closed = (node: GraphNode | undefined) => node?.label?.status === "CLOSED";
