import { describe, expect, it } from "vitest";
import { CASE_PRIORITIES, CASE_STATUSES, RELATIONSHIPS, UUID_PATTERN } from "../../contract";
import { demoCaseId, demoScenario } from "./demo-scenario";
import { hopDistances } from "./hop-distances";
import type { SimLink } from "./scenario";

const { cases, links, roots } = demoScenario;
const caseById = new Map(cases.map((simCase) => [simCase.id, simCase]));
const keyOf = (id: string) => caseById.get(id)?.key ?? id;
const root = roots[0];
if (root === undefined) throw new Error("the demo scenario needs a root");

/** Parent → children along one relationship. */
function edges(relationship: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const link of links.filter((candidate) => candidate.relationship === relationship)) {
    out.set(link.parent.id, [...(out.get(link.parent.id) ?? []), link.child.id]);
  }
  return out;
}

/** Everything upstream of `id` along one relationship (who blocks it, who causes it, …). */
function ancestors(id: string, relationship: string): Set<string> {
  const seen = new Set<string>();
  const parentsOf = (child: string) =>
    links
      .filter((link) => link.relationship === relationship && link.child.id === child)
      .map((link) => link.parent.id);
  const queue = parentsOf(id);
  while (queue.length > 0) {
    const next = queue.shift() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...parentsOf(next));
  }
  return seen;
}

describe("the demo scenario", () => {
  it("reaches at least 30 entities within 8 hops of the first root", () => {
    const within = [...hopDistances(demoScenario, root.id).values()].filter((hops) => hops <= 8);
    expect(within.length).toBeGreaterThanOrEqual(30);
  });

  it("has every relationship type", () => {
    expect(new Set(links.map((link) => link.relationship))).toEqual(new Set(RELATIONSHIPS));
  });

  it("has cases of every status and every priority", () => {
    expect(new Set(cases.map((simCase) => simCase.status))).toEqual(new Set(CASE_STATUSES));
    expect(new Set(cases.map((simCase) => simCase.priority))).toEqual(new Set(CASE_PRIORITIES));
  });

  it("has incidents, pages and an agent conversation, all linked", () => {
    expect(demoScenario.incidents.length).toBeGreaterThanOrEqual(2);
    expect(demoScenario.pages.length).toBeGreaterThanOrEqual(2);
    expect(demoScenario.conversations).toHaveLength(1);
    const linked = new Set(links.flatMap((link) => [link.parent.id, link.child.id]));
    const others = [
      ...demoScenario.incidents,
      ...demoScenario.pages,
      ...demoScenario.conversations,
    ];
    expect(others.every((entity) => linked.has(entity.id))).toBe(true);
  });

  it("has a BLOCKS cycle of three cases", () => {
    const blocks = edges("BLOCKS");
    const cycles = cases.flatMap(({ id: a }) =>
      (blocks.get(a) ?? []).flatMap((b) =>
        (blocks.get(b) ?? [])
          .filter((c) => c !== a && (blocks.get(c) ?? []).includes(a))
          .map((c) => [a, b, c]),
      ),
    );
    expect(cycles.map((cycle) => cycle.map(keyOf).sort().join(" "))).toContain(
      "NET-51 NET-52 NET-53",
    );
  });

  it("has three or more cases that duplicate one case", () => {
    const duplicatesOf = new Map<string, number>();
    for (const link of links.filter((candidate) => candidate.relationship === "DUPLICATES")) {
      duplicatesOf.set(link.child.id, (duplicatesOf.get(link.child.id) ?? 0) + 1);
    }
    expect(Math.max(...duplicatesOf.values())).toBeGreaterThanOrEqual(3);
  });

  it("has a CAUSES chain at least six hops deep into the first root", () => {
    const causes = edges("CAUSES");
    const longest = (id: string, seen: Set<string>): number =>
      Math.max(
        0,
        ...(causes.get(id) ?? [])
          .filter((next) => !seen.has(next))
          .map((next) => 1 + longest(next, new Set([...seen, next]))),
      );
    const rootCause = [...ancestors(root.id, "CAUSES")].filter(
      (id) => ancestors(id, "CAUSES").size === 0,
    );
    expect(rootCause.map(keyOf)).toEqual(["PLAT-399"]);
    expect(longest(demoCaseId("PLAT-399"), new Set())).toBeGreaterThanOrEqual(6);
  });

  it("has open blockers and causes of the first root past the default depth of 3", () => {
    const hops = hopDistances(demoScenario, root.id);
    const deepest = (relationship: string) =>
      Math.max(...[...ancestors(root.id, relationship)].map((id) => hops.get(id) ?? 0));
    // By the shortest path, so the graph at depth 3 has a "beyond depth" boundary to show.
    expect(deepest("BLOCKS")).toBeGreaterThanOrEqual(6);
    expect(deepest("CAUSES")).toBeGreaterThanOrEqual(6);
    const farBlocker = [...ancestors(root.id, "BLOCKS")].find((id) => hops.get(id) === 6);
    expect(farBlocker && caseById.get(farBlocker)?.status).not.toBe("CLOSED");
  });

  it("blocks the first root with open cases, one of them behind a closed blocker", () => {
    const blockers = [...ancestors(root.id, "BLOCKS")].map((id) => caseById.get(id));
    expect(
      blockers.filter((blocker) => blocker?.status !== "CLOSED").length,
    ).toBeGreaterThanOrEqual(3);
    const closed = blockers.filter((blocker) => blocker?.status === "CLOSED");
    expect(closed.length).toBeGreaterThan(0);
    const openBehindClosed = closed.some(
      (blocker) =>
        blocker &&
        [...ancestors(blocker.id, "BLOCKS")].some((id) => caseById.get(id)?.status !== "CLOSED"),
    );
    expect(openBehindClosed).toBe(true);
  });

  it("uses valid, unique ids and keys, and every link end is an entity of the scenario", () => {
    const entityIds = [
      ...cases.map((simCase) => simCase.id),
      ...demoScenario.incidents.map((incident) => incident.id),
      ...demoScenario.pages.map((page) => page.id),
      ...demoScenario.conversations.map((talk) => talk.id),
    ];
    expect(new Set(entityIds).size).toBe(entityIds.length);
    expect(entityIds.every((id) => UUID_PATTERN.test(id))).toBe(true);
    expect(new Set(cases.map((simCase) => simCase.key)).size).toBe(cases.length);
    const ends = (link: SimLink) => [link.parent.id, link.child.id];
    expect(links.flatMap(ends).filter((id) => !entityIds.includes(id))).toEqual([]);
  });

  it("is an outage of today: the first root and what it links to opened within nine hours", () => {
    const now = Date.now();
    const openedAt = (id: string) => Date.parse(caseById.get(id)?.createdAt ?? "");
    const near = links
      .filter((link) => link.child.id === root.id || link.parent.id === root.id)
      .flatMap((link) => [link.parent.id, link.child.id])
      .filter((id) => caseById.has(id));
    expect(near.length).toBeGreaterThan(3);
    for (const id of near) {
      expect(now - openedAt(id), keyOf(id)).toBeGreaterThan(0);
      expect(now - openedAt(id), keyOf(id)).toBeLessThanOrEqual(9 * 3_600_000);
    }
    for (const entity of [...cases, ...demoScenario.incidents]) {
      expect(Date.parse(entity.createdAt)).toBeLessThan(now);
    }
  });

  it("keeps its ids from one release to the next", () => {
    expect(root).toMatchObject({ key: "PAY-101", id: demoCaseId("PAY-101") });
    expect(demoCaseId("PAY-101")).toBe("76d6c489-e825-4f0a-bc9f-e347febb214f");
    expect(roots.length).toBeGreaterThanOrEqual(2);
    expect(roots.length).toBeLessThanOrEqual(3);
  });
});
