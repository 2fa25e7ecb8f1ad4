import type { EntityLabel, EntityRef, Link } from "@casegraph/server/contract";
import { nodeKey } from "../../../lib/graph-types";

/** A link from `parent` to `child`; bare ids are cases, `TYPE:id` names another type. */
export function link(id: string, parent: string, child: string, relationship = "BLOCKS"): Link {
  const [parentType, parentId] = split(parent);
  const [childType, childId] = split(child);
  return {
    id,
    type: "link",
    attributes: {
      parent_entity_id: parentId,
      parent_entity_type: parentType,
      child_entity_id: childId,
      child_entity_type: childType,
      relationship,
    },
  };
}

export function caseKey(id: string): string {
  return nodeKey("CASE", id);
}

/** The links a BFF would answer for an entity: every link it takes part in. */
export function linksOf(all: readonly Link[], ref: EntityRef): Link[] {
  return all.filter(
    (l) =>
      (l.attributes.parent_entity_type === ref.type && l.attributes.parent_entity_id === ref.id) ||
      (l.attributes.child_entity_type === ref.type && l.attributes.child_entity_id === ref.id),
  );
}

export function labelOf(ref: EntityRef): EntityLabel {
  return { type: ref.type, id: ref.id, title: `Title of ${ref.id}` };
}

interface Waiting {
  ref: EntityRef;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * Loaders over a fixed set of links whose answers the test releases one by one, in the order
 * it chooses, or all at once.
 */
export function heldBackend(all: readonly Link[]) {
  const linkCalls: string[] = [];
  const labelCalls: string[] = [];
  const links = new Map<string, Waiting>();
  const labels = new Map<string, Waiting>();
  const hold = (into: Map<string, Waiting>, calls: string[], ref: EntityRef) =>
    new Promise<never>((resolve, reject) => {
      const key = nodeKey(ref.type, ref.id);
      calls.push(key);
      into.set(key, { ref, resolve, reject });
    });
  const take = (from: Map<string, Waiting>, key: string): Waiting => {
    const waiting = from.get(key);
    if (!waiting) throw new Error(`no lookup of ${key} is waiting`);
    from.delete(key);
    return waiting;
  };
  return {
    loadLinks: (ref: EntityRef): Promise<Link[]> => hold(links, linkCalls, ref),
    loadLabel: (ref: EntityRef): Promise<EntityLabel> => hold(labels, labelCalls, ref),
    linkCalls,
    labelCalls,
    waitingLinks: () => [...links.keys()],
    answerLinks(key: string) {
      const w = take(links, key);
      w.resolve(linksOf(all, w.ref));
      return flush();
    },
    failLinks(key: string, error: unknown) {
      take(links, key).reject(error);
      return flush();
    },
    answerLabel(key: string) {
      const w = take(labels, key);
      w.resolve(labelOf(w.ref));
      return flush();
    },
    failLabel(key: string, error: unknown) {
      take(labels, key).reject(error);
      return flush();
    },
    /** Answers every lookup, including the ones those answers cause, until none is waiting. */
    async answerAll() {
      for (let rounds = 0; links.size + labels.size > 0; rounds++) {
        if (rounds > 10_000) throw new Error("lookups never stop");
        for (const key of [...labels.keys()]) {
          const w = take(labels, key);
          w.resolve(labelOf(w.ref));
        }
        for (const key of [...links.keys()]) {
          const w = take(links, key);
          w.resolve(linksOf(all, w.ref));
        }
        await flush();
      }
    },
  };
}

/** Lets every settled promise's callbacks run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function split(end: string): [EntityRef["type"], string] {
  const colon = end.indexOf(":");
  if (colon === -1) return ["CASE", end];
  return [end.slice(0, colon) as EntityRef["type"], end.slice(colon + 1)];
}
