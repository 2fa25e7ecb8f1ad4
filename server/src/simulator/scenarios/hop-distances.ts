import type { Scenario } from "./scenario";

/**
 * Hops from `fromId` to every entity it reaches, following links in either direction, as the
 * client's level-by-level expansion does. Ids are assumed unique across entity types.
 */
export function hopDistances(scenario: Scenario, fromId: string): Map<string, number> {
  const neighbours = new Map<string, string[]>();
  const connect = (a: string, b: string) => {
    const list = neighbours.get(a);
    if (list === undefined) neighbours.set(a, [b]);
    else list.push(b);
  };
  for (const link of scenario.links) {
    connect(link.parent.id, link.child.id);
    connect(link.child.id, link.parent.id);
  }
  const distances = new Map([[fromId, 0]]);
  let frontier = [fromId];
  for (let hops = 1; frontier.length > 0; hops += 1) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const neighbour of neighbours.get(id) ?? []) {
        if (distances.has(neighbour)) continue;
        distances.set(neighbour, hops);
        next.push(neighbour);
      }
    }
    frontier = next;
  }
  return distances;
}
