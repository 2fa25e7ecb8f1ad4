import type { GraphEdge, GraphNode, GraphSnapshot } from "../graph-types";

/** A hand-made snapshot for the vocabulary's tests: keys are `CASE:<name>`, hop 1 unless given. */
export function caseGraph(
  links: readonly (readonly [string, string, string])[],
  extra: readonly string[] = [],
  hops: Readonly<Record<string, number>> = {},
): GraphSnapshot {
  const names = new Set(extra);
  for (const [source, , target] of links) names.add(source).add(target);
  const nodes = new Map<string, GraphNode>();
  for (const name of [...names].sort()) {
    const key = `CASE:${name}`;
    nodes.set(key, {
      key,
      type: "CASE",
      id: name,
      hop: hops[name] ?? 1,
      frontier: false,
      labelStatus: "done",
      label: { type: "CASE", id: name, key: `OPS-${name}`, title: `Case ${name}`, status: "OPEN" },
    });
  }
  const edges: GraphEdge[] = links.map(([source, relationship, target], i) => ({
    id: `l${i}`,
    source: `CASE:${source}`,
    target: `CASE:${target}`,
    relationship,
  }));
  const rootKey = nodes.keys().next().value ?? "";
  return { rootKey, nodes, edges, incomplete: false };
}
