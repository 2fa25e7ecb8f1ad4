import {
  type GeneratedScenario,
  generateScenario,
  hopDistances,
  type Scenario,
} from "../../server/src/simulator";
import type { SnapshotJson } from "../render-page/page-api";

export type { SnapshotJson };

/** The graph sizes issue 5 names; seeds are fixed so every run measures the same graphs. */
export interface GraphSize {
  name: string;
  entities: number;
  depth: number;
  seed: number;
}

export const SMALL: GraphSize = { name: "250/8", entities: 250, depth: 8, seed: 250 };
/** The performance issue's first scenario: a deep graph, one upstream round trip per hop. */
export const DEEP: GraphSize = { name: "300/10", entities: 300, depth: 10, seed: 300 };
export const MEDIUM: GraphSize = { name: "1000/8", entities: 1_000, depth: 8, seed: 1_000 };
export const LARGE: GraphSize = { name: "5000/10", entities: 5_000, depth: 10, seed: 5_000 };

export function generate(size: GraphSize): GeneratedScenario {
  return generateScenario({ seed: size.seed, entities: size.entities, depth: size.depth });
}

/** What a viewer at `depth` should see when the cap allows everything: entities and links. */
export function expectedWithin(
  scenario: Scenario,
  rootId: string,
  depth: number,
): { entities: number; links: number } {
  const hops = hopDistances(scenario, rootId);
  const shown = new Set([...hops].filter(([, h]) => h <= depth).map(([id]) => id));
  const links = new Set(
    scenario.links
      .filter((l) => l.parent.id !== l.child.id && shown.has(l.parent.id) && shown.has(l.child.id))
      .map((l) => l.id),
  );
  return { entities: shown.size, links: links.size };
}

/**
 * The snapshot the client would hold once every entity of the scenario is shown and labelled,
 * built directly so that rendering and analysis are measured without the network.
 */
export function fullSnapshot({ scenario, rootId }: GeneratedScenario): SnapshotJson {
  const hops = hopDistances(scenario, rootId);
  const key = (type: string, id: string) => `${type}:${id}`;
  const nodes: SnapshotJson["nodes"] = [];
  const add = (
    type: "CASE" | "INCIDENT",
    id: string,
    label: SnapshotJson["nodes"][number]["label"],
  ) =>
    nodes.push({
      key: key(type, id),
      type,
      id,
      hop: hops.get(id) ?? 0,
      label,
      labelStatus: "done",
      linksStatus: "done",
      frontier: false,
    });
  for (const c of scenario.cases) {
    add("CASE", c.id, {
      type: "CASE",
      id: c.id,
      key: c.key,
      title: c.title,
      status: c.status,
      priority: c.priority,
    });
  }
  for (const i of scenario.incidents) {
    add("INCIDENT", i.id, {
      type: "INCIDENT",
      id: i.id,
      key: `INC-${i.publicId}`,
      title: i.title,
      status: i.state.toUpperCase(),
      priority: i.severity,
    });
  }
  const edges = scenario.links
    .filter((l) => l.parent.id !== l.child.id)
    .map((l) => ({
      id: l.id,
      source: key(l.parent.type, l.parent.id),
      target: key(l.child.type, l.child.id),
      relationship: l.relationship,
    }));
  return { rootKey: key("CASE", rootId), nodes, edges };
}

/**
 * Two graphs served as one org: their entities and links are disjoint (different seeds draw
 * different ids), so a viewer of one sees nothing of the other. Case keys (`GEN-n`) and
 * incident numbers do repeat, and resolve to `other`'s; the BFF reads by UUID here. Roots are
 * `main`'s.
 */
export function mergeScenarios(main: Scenario, other: Scenario): Scenario {
  const users = new Map([...main.users, ...other.users].map((u) => [u.id, u]));
  return {
    ...main,
    cases: [...main.cases, ...other.cases],
    incidents: [...main.incidents, ...other.incidents],
    pages: [...main.pages, ...other.pages],
    conversations: [...main.conversations, ...other.conversations],
    users: [...users.values()],
    links: [...main.links, ...other.links],
  };
}
