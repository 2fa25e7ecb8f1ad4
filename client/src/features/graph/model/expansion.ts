import {
  type EntityLabel,
  type EntityRef,
  isEntityType,
  type Link,
} from "@casegraph/server/contract";
import { type GraphSnapshot, type NodeKey, nodeKey } from "../../../lib/graph-types";
import { buildSnapshot, type ShownNode } from "./build-snapshot";
import { relaxHops } from "./hop-relaxation";
import { LinkIndex } from "./link-index";
import { lookupError } from "./lookup-error";
import { DEFAULT_UPSTREAM, extendUpstream, upstreamParents } from "./upstream-closure";

export const DEFAULT_ENTITY_CAP = 500;

export interface ExpansionOptions {
  root: EntityRef;
  /** Entities within this many link hops of the root are shown. */
  depth: number;
  /** Most entities shown at once; the rest are counted in `leftOut`. */
  cap?: number;
  /**
   * Relationships along which the root's ancestors (its parents, theirs, and so on) are shown
   * whatever the depth, links read like any shown entity's. Default BLOCKS and CAUSES; `[]`
   * shows only what is within the depth.
   */
  upstream?: readonly string[];
  /** Entity ids expanded from the start (a shared link's `expand`): their neighbours are read. */
  expanded?: readonly string[];
  /** `hint`: how far past this entity the graph reads, so the server can read ahead of it. */
  loadLinks(ref: EntityRef, hint?: ReadAheadHint): Promise<Link[]>;
  loadLabel(ref: EntityRef): Promise<EntityLabel>;
}

/** Hops shown past an entity (the depth less its hop), and the most entities shown. */
export interface ReadAheadHint {
  ahead: number;
  cap: number;
}

export interface ExpansionStats {
  /** Shown entities. */
  entities: number;
  /** Links between shown entities. */
  links: number;
  /** Lookups asked for and not answered yet. */
  pending: number;
  /** Lookups that failed and were not retried. */
  failed: number;
  /** Known entities that the cap kept off the graph. */
  leftOut: number;
}

/**
 * Grows the graph around a root: every entity within `depth` hops, plus the root's ancestors
 * along the `upstream` relationships however far. Every shown entity's links and label are
 * looked up once, as soon as it is shown; each answer may show more entities, whose lookups
 * start at once rather than after the whole level. Answers come in any order, so hops are
 * relaxed as shorter paths appear and the result is that of a breadth-first search to `depth`
 * joined with the upstream closure. Pure TypeScript: the UI subscribes and reads snapshots.
 */
export class Expansion {
  readonly rootKey: NodeKey;
  readonly #root: EntityRef;
  readonly #depth: number;
  readonly #cap: number;
  readonly #upstream: ReadonlySet<string>;
  readonly #loadLinks: ExpansionOptions["loadLinks"];
  readonly #loadLabel: ExpansionOptions["loadLabel"];

  readonly #index = new LinkIndex();
  readonly #hops = new Map<NodeKey, number>();
  readonly #shown = new Map<NodeKey, ShownNode>();
  /** Nodes whose neighbours are shown whatever their hop ("Expand"). */
  readonly #expanded = new Set<NodeKey>();
  /** The same by entity id, for expansions asked for before the entity was known. */
  readonly #expandedIds = new Set<string>();
  /** The root and its ancestors along the upstream relationships: shown whatever their hop. */
  readonly #ancestors = new Set<NodeKey>();
  readonly #leftOut = new Set<NodeKey>();
  readonly #listeners = new Set<() => void>();
  #pending = 0;
  #started = false;
  #disposed = false;
  #snapshot: GraphSnapshot | undefined;
  #previous: GraphSnapshot | undefined;

  constructor(options: ExpansionOptions) {
    this.#root = { type: options.root.type, id: options.root.id };
    this.rootKey = nodeKey(options.root.type, options.root.id);
    this.#depth = Math.max(0, Math.floor(options.depth));
    this.#cap = Math.max(1, Math.floor(options.cap ?? DEFAULT_ENTITY_CAP));
    this.#upstream = new Set(options.upstream ?? DEFAULT_UPSTREAM);
    this.#ancestors.add(this.rootKey);
    for (const id of options.expanded ?? []) this.#expandedIds.add(id);
    this.#loadLinks = options.loadLinks;
    this.#loadLabel = options.loadLabel;
  }

  start(): void {
    if (this.#started || this.#disposed) return;
    this.#started = true;
    this.#hops.set(this.rootKey, 0);
    this.#show(this.rootKey, this.#root.type, this.#root.id);
    this.#changed();
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** The same object until something changes, as `useSyncExternalStore` requires. */
  getSnapshot(): GraphSnapshot {
    if (!this.#snapshot) {
      this.#snapshot = buildSnapshot({
        rootKey: this.rootKey,
        shown: this.#shown,
        hops: this.#hops,
        index: this.#index,
        incomplete: this.#pending > 0 || this.#failedCount() > 0 || this.#leftOut.size > 0,
        previous: this.#previous,
      });
      this.#previous = this.#snapshot;
    }
    return this.#snapshot;
  }

  /**
   * Shows the node's neighbours and reads their links, even past the depth. A node not shown
   * yet is expanded when it appears, so a re-read of the same view keeps what was expanded.
   */
  expand(key: NodeKey): void {
    if (this.#disposed) return;
    this.#expanded.add(key);
    const node = this.#shown.get(key);
    if (!node) return;
    this.#grow(this.#index.neighbours(key));
    // Its neighbours are not known yet; they appear when the retried lookup answers.
    if (node.linksStatus === "error") this.#requestLinks(node);
    this.#changed();
  }

  /**
   * Expands the entity with this id: at once when it is shown, otherwise as soon as it is
   * (a link's `expand` may name entities that only an earlier expansion brings in).
   */
  expandId(id: string): void {
    if (this.#disposed) return;
    this.#expandedIds.add(id);
    for (const node of this.#shown.values()) {
      if (node.id === id) {
        this.expand(node.key);
        return;
      }
    }
  }

  /** Asks again for whichever of the node's lookups failed. */
  retry(key: NodeKey): void {
    const node = this.#shown.get(key);
    if (!node || this.#disposed) return;
    if (node.linksStatus === "error") this.#requestLinks(node);
    if (node.labelStatus === "error") this.#requestLabel(node);
    this.#changed();
  }

  isSettled(): boolean {
    return this.#started && this.#pending === 0;
  }

  stats(): ExpansionStats {
    return {
      entities: this.#shown.size,
      links: this.getSnapshot().edges.length,
      pending: this.#pending,
      failed: this.#failedCount(),
      leftOut: this.#leftOut.size,
    };
  }

  /** Stops listening: answers that arrive later change nothing. */
  dispose(): void {
    this.#disposed = true;
    this.#listeners.clear();
  }

  /**
   * Shows whichever of `candidates` are wanted, then whatever that makes wanted in turn: a
   * newly shown entity opens paths through it, which may lower hops to within the depth.
   */
  #grow(candidates: Iterable<NodeKey>): void {
    let starts = [...candidates];
    while (starts.length > 0) {
      const lowered = relaxHops(this.#hops, this.#pathsThrough, starts);
      starts = [...new Set([...starts, ...lowered])].filter((key) => this.#consider(key));
    }
  }

  /**
   * Hops count paths through shown entities only, so a node's hop can be traced on the graph
   * on screen: an ancestor past the depth must not get a short cut through an entity that
   * stays hidden. Hidden entities still get a hop (one more than their nearest shown
   * neighbour's), which is what tells whether they are within the depth.
   */
  readonly #pathsThrough = (key: NodeKey): Iterable<NodeKey> =>
    this.#shown.has(key) ? this.#index.neighbours(key) : NONE;

  /** Shows the entity if it is wanted and the cap allows; true when it was newly shown. */
  #consider(key: NodeKey): boolean {
    if (this.#shown.has(key) || !this.#isWanted(key)) return false;
    if (this.#shown.size >= this.#cap) {
      this.#leftOut.add(key);
      return false;
    }
    const entity = this.#index.entity(key);
    if (!entity) return false;
    this.#show(key, entity.type, entity.id);
    return true;
  }

  #isWanted(key: NodeKey): boolean {
    if ((this.#hops.get(key) ?? Number.POSITIVE_INFINITY) <= this.#depth) return true;
    if (this.#ancestors.has(key)) return true;
    for (const neighbour of this.#index.neighbours(key)) {
      if (this.#expanded.has(neighbour)) return true;
      const id = this.#index.entity(neighbour)?.id;
      if (id !== undefined && this.#expandedIds.has(id)) return true;
    }
    return false;
  }

  #show(key: NodeKey, type: string, id: string): void {
    const node: ShownNode = { key, type, id, labelStatus: "done" };
    this.#shown.set(key, node);
    // Types Datadog adds later cannot be looked up; they are shown as they came, as leaves.
    if (!isEntityType(type)) return;
    this.#requestLabel(node);
    this.#requestLinks(node);
  }

  #requestLinks(node: ShownNode): void {
    node.linksStatus = "pending";
    delete node.linksError;
    const ref = this.#refOf(node);
    const ahead = this.#depth - (this.#hops.get(node.key) ?? Number.POSITIVE_INFINITY);
    const hint = ahead > 0 ? { ahead, cap: this.#cap } : undefined;
    this.#track(
      () => this.#loadLinks(ref, hint),
      (links) => this.#onLinks(node, links),
      (error) => {
        node.linksStatus = "error";
        node.linksError = lookupError(error);
      },
    );
  }

  #requestLabel(node: ShownNode): void {
    node.labelStatus = "pending";
    delete node.labelError;
    const ref = this.#refOf(node);
    this.#track(
      () => this.#loadLabel(ref),
      (label) => {
        node.label = label;
        node.labelStatus = "done";
      },
      (error) => {
        node.labelStatus = "error";
        node.labelError = lookupError(error);
      },
    );
  }

  /** Runs one lookup, counting it as pending, and applies its answer unless disposed by then. */
  #track<T>(load: () => Promise<T>, onDone: (value: T) => void, onError: (e: unknown) => void) {
    this.#pending++;
    // A loader that throws instead of rejecting is still one failed lookup.
    new Promise<T>((resolve) => resolve(load())).then(
      (value) => this.#settle(() => onDone(value)),
      (error: unknown) => this.#settle(() => onError(error)),
    );
  }

  #settle(apply: () => void): void {
    if (this.#disposed) return;
    this.#pending--;
    apply();
    this.#changed();
  }

  #onLinks(node: ShownNode, links: Link[]): void {
    node.linksStatus = "done";
    const added = this.#index.merge(links);
    if (added.length === 0) return;
    const touched = new Set<NodeKey>();
    for (const edge of added) {
      touched.add(edge.source);
      touched.add(edge.target);
    }
    // A new link into an ancestor may name a parent; a known one above it may follow.
    const ancestors = extendUpstream(
      this.#ancestors,
      (key) => upstreamParents(this.#index.linksInto(key), this.#upstream),
      touched,
    );
    this.#grow([...touched, ...ancestors]);
  }

  #refOf(node: ShownNode): EntityRef {
    // #show only looks up nodes whose type passed isEntityType.
    return { type: node.type as EntityRef["type"], id: node.id };
  }

  #failedCount(): number {
    let failed = 0;
    for (const node of this.#shown.values()) {
      if (node.linksStatus === "error") failed++;
      if (node.labelStatus === "error") failed++;
    }
    return failed;
  }

  #changed(): void {
    this.#snapshot = undefined;
    for (const listener of [...this.#listeners]) listener();
  }
}

const NONE: readonly NodeKey[] = [];
