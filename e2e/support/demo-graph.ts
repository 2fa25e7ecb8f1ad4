import { demoScenario, hopDistances, type SimCase } from "@casegraph/server/simulator";

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

/** The entities within `depth` hops of the root and the links among them. */
export function expectedGraph(
  rootKey: string,
  depth: number,
  rel?: readonly string[],
): ExpectedGraph {
  const hops = hopDistances(demo, demoCase(rootKey).id);
  const within = (id: string) => (hops.get(id) ?? Number.POSITIVE_INFINITY) <= depth;
  const entities = [...hops]
    .filter(([id]) => within(id))
    .map(([id, hop]) => `${entityName(id)} · ${hop}`)
    .sort();
  const shownLinks = demo.links.filter((l) => within(l.parent.id) && within(l.child.id));
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
