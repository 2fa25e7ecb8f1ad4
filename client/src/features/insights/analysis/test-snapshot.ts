import type { GraphEdge, GraphNode, GraphSnapshot } from "../../../lib/graph-types";

/** [parent, relationship, child], read as a sentence: ["A", "BLOCKS", "B"]. */
export type LinkSpec = readonly [string, string, string];

export interface SnapshotSpec {
  root: string;
  links: readonly LinkSpec[];
  /** Status per case; `null` = label not arrived yet. Cases not listed are OPEN. */
  status?: Readonly<Record<string, string | null>>;
  incomplete?: boolean;
}

/** A small hand-made snapshot for tests: node keys are the case names themselves. */
export function snapshotOf(spec: SnapshotSpec): GraphSnapshot {
  const names = new Set<string>([spec.root, ...Object.keys(spec.status ?? {})]);
  for (const [parent, , child] of spec.links) {
    names.add(parent);
    names.add(child);
  }
  const nodes = new Map<string, GraphNode>();
  for (const name of names) {
    const status = spec.status?.[name] === undefined ? "OPEN" : spec.status[name];
    nodes.set(name, {
      key: name,
      type: "CASE",
      id: name,
      hop: 0,
      frontier: false,
      labelStatus: status === null ? "pending" : "done",
      ...(status === null
        ? {}
        : { label: { type: "CASE", id: name, key: name, title: `Case ${name}`, status } }),
    });
  }
  const edges: GraphEdge[] = spec.links.map(([source, relationship, target], i) => ({
    id: `link-${i}`,
    source,
    target,
    relationship,
  }));
  return { rootKey: spec.root, nodes, edges, incomplete: spec.incomplete ?? false };
}
