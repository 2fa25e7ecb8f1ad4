import { type Link, linkSchema } from "@casegraph/server/contract";
import { type GraphEdge, type NodeKey, nodeKey } from "../../../lib/graph-types";

/** An entity known from a link's end; its type may be one Datadog added after this code. */
export interface EntityEnd {
  key: NodeKey;
  type: string;
  id: string;
}

export function edgeOfLink(link: Link): GraphEdge {
  const a = link.attributes;
  return {
    id: link.id,
    source: nodeKey(a.parent_entity_type, a.parent_entity_id),
    target: nodeKey(a.child_entity_type, a.child_entity_id),
    relationship: a.relationship,
  };
}

/**
 * Every link seen so far, merged from many answers. The same link comes back from both of its
 * ends, so links are de-duplicated by id; self-links are kept as edges.
 */
export class LinkIndex {
  readonly #edges = new Map<string, GraphEdge>();
  readonly #neighbours = new Map<NodeKey, Set<NodeKey>>();
  readonly #into = new Map<NodeKey, GraphEdge[]>();
  readonly #entities = new Map<NodeKey, EntityEnd>();

  /** Adds the links not seen before and returns their edges, in the order given. */
  merge(links: readonly Link[]): GraphEdge[] {
    const added: GraphEdge[] = [];
    for (const link of links) {
      if (!isUsable(link) || this.#edges.has(link.id)) continue;
      const edge = edgeOfLink(link);
      const a = link.attributes;
      this.#remember(edge.source, a.parent_entity_type, a.parent_entity_id);
      this.#remember(edge.target, a.child_entity_type, a.child_entity_id);
      this.#neighboursOf(edge.source).add(edge.target);
      this.#neighboursOf(edge.target).add(edge.source);
      const into = this.#into.get(edge.target);
      if (into) into.push(edge);
      else this.#into.set(edge.target, [edge]);
      this.#edges.set(edge.id, edge);
      added.push(edge);
    }
    return added;
  }

  /** Entities joined to this one by a known link, in either direction (itself for a self-link). */
  neighbours(key: NodeKey): ReadonlySet<NodeKey> {
    return this.#neighbours.get(key) ?? EMPTY;
  }

  /** The known links whose child is this entity. */
  linksInto(key: NodeKey): readonly GraphEdge[] {
    return this.#into.get(key) ?? NO_EDGES;
  }

  entity(key: NodeKey): EntityEnd | undefined {
    return this.#entities.get(key);
  }

  edges(): IterableIterator<GraphEdge> {
    return this.#edges.values();
  }

  get size(): number {
    return this.#edges.size;
  }

  #remember(key: NodeKey, type: string, id: string): void {
    if (!this.#entities.has(key)) this.#entities.set(key, { key, type, id });
  }

  #neighboursOf(key: NodeKey): Set<NodeKey> {
    let set = this.#neighbours.get(key);
    if (!set) {
      set = new Set();
      this.#neighbours.set(key, set);
    }
    return set;
  }
}

const EMPTY: ReadonlySet<NodeKey> = new Set();
const NO_EDGES: readonly GraphEdge[] = [];

/** The BFF validates links; this only keeps one malformed item from breaking the whole graph. */
function isUsable(link: Link): boolean {
  return linkSchema.safeParse(link).success;
}
