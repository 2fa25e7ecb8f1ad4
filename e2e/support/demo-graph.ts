import {
  demoScenario,
  hopDistances,
  type Scenario,
  type SimCase,
} from "@casegraph/server/simulator";

/** What the simulator holds in demo mode, named the way the UI names it. */
export const demo = demoScenario;

export function demoCase(key: string): SimCase {
  const found = demo.cases.find((c) => c.key === key);
  if (!found) throw new Error(`${key} is not a demo case`);
  return found;
}

const typeById = new Map<string, string>();
for (const link of demo.links) {
  typeById.set(link.parent.id, link.parent.type);
  typeById.set(link.child.id, link.child.type);
}

/** A case by its key, an incident as INC-<public id>, anything else as its type and a short id. */
export function entityName(id: string): string {
  const simCase = demo.cases.find((c) => c.id === id);
  if (simCase) return simCase.key;
  const incident = demo.incidents.find((i) => i.id === id);
  if (incident) return `INC-${incident.publicId}`;
  const type = typeById.get(id);
  const word =
    type === "PAGE" ? "Page" : type === "AGENT_CONVERSATION" ? "Agent conversation" : type;
  return `${word} ${id.slice(0, 8)}`;
}

export interface ExpectedGraph {
  /** One "NAME · hops" line per entity, sorted. */
  entities: string[];
  /** One "PARENT RELATIONSHIP CHILD" line per link between shown entities, sorted. */
  links: string[];
  /** Every link between shown entities, whatever the relationship filter. */
  linkCount: number;
  /** What the status bar says. */
  status: string;
}

/** Fewest hops from the root through shown entities only, links either way: as the app counts. */
function hopsThrough(rootId: string, shown: ReadonlySet<string>): Map<string, number> {
  const hops = new Map([[rootId, 0]]);
  const queue = [rootId];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head] as string;
    for (const link of demo.links) {
      if (!shown.has(link.parent.id) || !shown.has(link.child.id)) continue;
      const other =
        link.parent.id === id ? link.child.id : link.child.id === id ? link.parent.id : null;
      if (other === null || hops.has(other)) continue;
      hops.set(other, (hops.get(id) ?? 0) + 1);
      queue.push(other);
    }
  }
  return hops;
}

/**
 * What the graph shows: exactly the entities within `depth` hops of the root (links count in
 * either direction), plus the neighbours of the `expanded` entities that are shown, and the
 * links among them.
 */
export function expectedGraph(
  rootKey: string,
  depth: number,
  rel?: readonly string[],
  expanded: readonly string[] = [],
): ExpectedGraph {
  const rootId = demoCase(rootKey).id;
  const distances = hopDistances(demo, rootId);
  const shown = new Set<string>();
  for (const [id, hop] of distances) if (hop <= depth) shown.add(id);
  const queue = [...shown];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head] as string;
    if (!expanded.includes(id)) continue;
    for (const link of demo.links) {
      const other =
        link.parent.id === id ? link.child.id : link.child.id === id ? link.parent.id : null;
      if (other === null || shown.has(other)) continue;
      shown.add(other);
      queue.push(other);
    }
  }
  const hops = hopsThrough(rootId, shown);
  const entities = [...hops].map(([id, hop]) => `${entityName(id)} · ${hop}`).sort();
  const shownLinks = demo.links.filter((l) => shown.has(l.parent.id) && shown.has(l.child.id));
  const links = shownLinks
    .filter((l) => rel === undefined || rel.includes(l.relationship))
    .map((l) => `${entityName(l.parent.id)} ${l.relationship} ${entityName(l.child.id)}`)
    .sort();
  const n = entities.length;
  const m = shownLinks.length;
  return {
    entities,
    links,
    linkCount: m,
    status: `${n} ${n === 1 ? "entity" : "entities"} · ${m} ${m === 1 ? "link" : "links"}`,
  };
}

/** Cases close as CLOSED, incidents as resolved (the UI's rule, stated independently). */
const CLOSED_STATUSES = new Set(["CLOSED", "RESOLVED"]);

/**
 * What the opening view must show, by node key (`TYPE:id`): the root, the open cases that block
 * it through open chains, and what caused it, among the entities in `shownIds`.
 */
export function inTheWayOf(
  scenario: Scenario,
  rootId: string,
  shownIds: ReadonlySet<string>,
): Set<string> {
  const types = new Map<string, string>();
  for (const link of scenario.links) {
    types.set(link.parent.id, link.parent.type);
    types.set(link.child.id, link.child.type);
  }
  const isOpen = (id: string) => {
    const status =
      scenario.cases.find((c) => c.id === id)?.status ??
      scenario.incidents.find((i) => i.id === id)?.state;
    return !status || !CLOSED_STATUSES.has(status.toUpperCase());
  };
  const walk = (relationship: string, keepGoing: (id: string) => boolean) => {
    const found = new Set<string>();
    const queue = [rootId];
    for (let head = 0; head < queue.length; head++) {
      for (const link of scenario.links) {
        if (link.child.id !== queue[head] || link.relationship !== relationship) continue;
        const parent = link.parent.id;
        if (found.has(parent) || !shownIds.has(parent) || !keepGoing(parent)) continue;
        found.add(parent);
        queue.push(parent);
      }
    }
    return found;
  };
  const ids = new Set([rootId, ...walk("BLOCKS", isOpen), ...walk("CAUSES", () => true)]);
  return new Set([...ids].map((id) => `${types.get(id) ?? "CASE"}:${id}`));
}

/** The same, for a demo case by its key. */
export function whatIsInTheWay(rootKey: string, shownIds: ReadonlySet<string>): Set<string> {
  return inTheWayOf(demo, demoCase(rootKey).id, shownIds);
}
