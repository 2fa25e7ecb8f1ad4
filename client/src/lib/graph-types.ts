import type {
  ApiErrorDetail,
  EntityLabel,
  EntityType,
  Relationship,
} from "@casegraph/server/contract";

/** Stable identity of a node across the app: `${type}:${id}`, e.g. `CASE:9daa…`. */
export type NodeKey = string;

export type LookupStatus = "pending" | "done" | "error";

export interface GraphNode {
  key: NodeKey;
  /** Unknown future entity types are kept as they came. */
  type: EntityType | (string & {});
  id: string;
  /** Fewest link hops from the root, following links in either direction. */
  hop: number;
  /** Absent until its label lookup answers. */
  label?: EntityLabel;
  labelStatus: LookupStatus;
  labelError?: ApiErrorDetail;
  /** Links lookup of this node; absent when it is not needed (beyond the depth). */
  linksStatus?: LookupStatus;
  linksError?: ApiErrorDetail;
  /** Has links to entities that are not shown (past the depth or the cap). */
  frontier: boolean;
  /** Blockers and causes of this entity that were read but lie past the depth. */
  upstreamBeyond?: number;
}

export interface GraphEdge {
  /** The upstream link id. */
  id: string;
  source: NodeKey;
  target: NodeKey;
  relationship: Relationship;
}

/** A plain snapshot of the graph the explorer shows; every analysis takes this. */
export interface GraphSnapshot {
  rootKey: NodeKey;
  nodes: ReadonlyMap<NodeKey, GraphNode>;
  edges: readonly GraphEdge[];
  /** True while any lookup is pending or failed, or the cap cut entities off. */
  incomplete: boolean;
}

export function nodeKey(type: string, id: string): NodeKey {
  return `${type}:${id}`;
}
