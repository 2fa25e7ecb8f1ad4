import type { EntityLabel } from "@casegraph/server/contract";
import type { GraphEdge, GraphNode, GraphSnapshot, NodeKey } from "../../../lib/graph-types";

/** Test data: `CASE:a` style keys, links as [source, relationship, target]. */
export interface FixtureNode {
  key: NodeKey;
  hop?: number;
  label?: Partial<EntityLabel>;
  labelStatus?: GraphNode["labelStatus"];
  linksStatus?: GraphNode["linksStatus"];
  frontier?: boolean;
}

export type FixtureLink = readonly [NodeKey, string, NodeKey];

export function makeSnapshot(
  nodes: readonly (FixtureNode | NodeKey)[],
  links: readonly FixtureLink[] = [],
  rootKey?: NodeKey,
): GraphSnapshot {
  const map = new Map<NodeKey, GraphNode>();
  for (const entry of nodes) {
    const spec = typeof entry === "string" ? { key: entry } : entry;
    const [type = "CASE", id = spec.key] = spec.key.split(":");
    map.set(spec.key, {
      key: spec.key,
      type,
      id,
      hop: spec.hop ?? 0,
      label: spec.label ? ({ type, id, ...spec.label } as EntityLabel) : undefined,
      labelStatus: spec.labelStatus ?? "done",
      linksStatus: spec.linksStatus,
      frontier: spec.frontier ?? false,
    });
  }
  const edges: GraphEdge[] = links.map(([source, relationship, target]) => ({
    id: `${source}>${relationship}>${target}`,
    source,
    target,
    relationship,
  }));
  const first = map.keys().next().value;
  return { rootKey: rootKey ?? first ?? "", nodes: map, edges, incomplete: false };
}
