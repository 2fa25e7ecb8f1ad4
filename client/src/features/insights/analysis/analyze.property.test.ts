import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { GraphSnapshot } from "../../../lib/graph-types";
import { opennessOf } from "../../../lib/graph-vocabulary";
import { analyze } from "./analyze";
import { type LinkSpec, snapshotOf } from "./test-snapshot";

const STATUSES = ["OPEN", "IN_PROGRESS", "CLOSED", "active", "resolved", null] as const;

/** Random small graphs over cases N0..N(n-1), rooted at N0, dense enough to hold cycles. */
const graphs = fc.integer({ min: 1, max: 12 }).chain((size) =>
  fc.record({
    links: fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: size - 1 }),
        fc.constantFrom("BLOCKS", "CAUSES", "DUPLICATES", "RELATES_TO"),
        fc.integer({ min: 0, max: size - 1 }),
      ),
      { maxLength: size * 3 },
    ),
    statuses: fc.array(fc.constantFrom(...STATUSES), { minLength: size, maxLength: size }),
  }),
);

interface RandomGraph {
  links: [number, string, number][];
  statuses: (string | null)[];
}

function build({ links, statuses }: RandomGraph) {
  const status: Record<string, string | null> = {};
  statuses.forEach((s, i) => {
    status[`N${i}`] = s;
  });
  const specs: LinkSpec[] = links.map(([p, rel, c]) => [`N${p}`, rel, `N${c}`]);
  return snapshotOf({ root: "N0", links: specs, status });
}

function hasEdge(snapshot: GraphSnapshot, from: string, rel: string, to: string): boolean {
  return snapshot.edges.some((e) => e.source === from && e.relationship === rel && e.target === to);
}

const isOpen = (snapshot: GraphSnapshot, key: string) =>
  opennessOf(snapshot.nodes.get(key)) !== "closed";

/** Brute force: everything that reaches the root along BLOCKS edges with an open parent. */
function openBlockersByBruteForce(snapshot: GraphSnapshot): Set<string> {
  const found = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const e of snapshot.edges) {
      if (e.relationship !== "BLOCKS" || !isOpen(snapshot, e.source) || found.has(e.source))
        continue;
      if (e.target === snapshot.rootKey || found.has(e.target)) {
        found.add(e.source);
        grew = true;
      }
    }
  }
  found.delete(snapshot.rootKey);
  return found;
}

describe("analyze on random graphs", () => {
  it("lists exactly the open blockers, and counts them", () => {
    fc.assert(
      fc.property(graphs, (spec) => {
        const snapshot = build(spec);
        const { blockers } = analyze(snapshot);
        expect(blockers.count).toBe(blockers.open.length);
        expect(new Set(blockers.open).size).toBe(blockers.open.length);
        expect(new Set(blockers.open)).toEqual(openBlockersByBruteForce(snapshot));
        for (const key of blockers.resolved) expect(isOpen(snapshot, key)).toBe(false);
      }),
    );
  });

  it("orders every open blocker once, blockers before what they block unless deadlocked", () => {
    fc.assert(
      fc.property(graphs, (spec) => {
        const snapshot = build(spec);
        const insights = analyze(snapshot);
        const stepOf = new Map<string, number>();
        insights.clearOrder.forEach((step, i) => {
          const keys = step.kind === "case" ? [step.key] : step.keys;
          for (const key of keys) {
            expect(stepOf.has(key)).toBe(false);
            stepOf.set(key, i);
          }
        });
        stepOf.delete(snapshot.rootKey);
        expect(new Set(stepOf.keys())).toEqual(new Set(insights.blockers.open));
        for (const e of snapshot.edges) {
          if (e.relationship !== "BLOCKS" || !isOpen(snapshot, e.source)) continue;
          const from = stepOf.get(e.source);
          const to = stepOf.get(e.target);
          if (from === undefined || to === undefined) continue;
          if (from === to) expect(insights.clearOrder[from]?.kind).toBe("deadlock");
          else expect(from).toBeLessThan(to);
        }
      }),
    );
  });

  it("reports only real cycles, each closing back on itself", () => {
    fc.assert(
      fc.property(graphs, (spec) => {
        const snapshot = build(spec);
        for (const cycle of analyze(snapshot).cycles) {
          const { path, relationship } = cycle;
          expect(path.length).toBeGreaterThan(0);
          expect(new Set(path).size).toBe(path.length);
          path.forEach((key, i) => {
            const next = path[(i + 1) % path.length] as string;
            expect(hasEdge(snapshot, key, relationship, next)).toBe(true);
            expect(cycle.members).toContain(key);
            if (cycle.deadlock) expect(isOpen(snapshot, key)).toBe(true);
          });
        }
      }),
    );
  });

  it("finds a cycle wherever a relationship loops back", () => {
    fc.assert(
      fc.property(graphs, (spec) => {
        const snapshot = build(spec);
        const inCycle = new Set(
          analyze(snapshot).cycles.flatMap((c) => c.members.map((m) => `${c.relationship}:${m}`)),
        );
        for (const e of snapshot.edges) {
          const twoWay = hasEdge(snapshot, e.target, e.relationship, e.source);
          if ((e.relationship === "BLOCKS" || e.relationship === "CAUSES") && twoWay) {
            expect(inCycle.has(`${e.relationship}:${e.source}`)).toBe(true);
          }
        }
      }),
    );
  });

  it("draws the critical path along open BLOCKS edges, ending at the root", () => {
    fc.assert(
      fc.property(graphs, (spec) => {
        const snapshot = build(spec);
        const { criticalPath, blockers } = analyze(snapshot);
        if (criticalPath.length === 0) return;
        expect(criticalPath.at(-1)).toBe(snapshot.rootKey);
        expect(new Set(criticalPath).size).toBe(criticalPath.length);
        expect(criticalPath.length).toBeLessThanOrEqual(blockers.count + 1);
        for (let i = 0; i + 1 < criticalPath.length; i++) {
          const from = criticalPath[i] as string;
          expect(isOpen(snapshot, from)).toBe(true);
          expect(hasEdge(snapshot, from, "BLOCKS", criticalPath[i + 1] as string)).toBe(true);
        }
      }),
    );
  });

  it("is as long as the longest chain when the open blockers hold no cycle", () => {
    fc.assert(
      fc.property(graphs, (spec) => {
        const snapshot = build(spec);
        const insights = analyze(snapshot);
        if (insights.clearOrder.some((step) => step.kind === "deadlock")) return;
        const waves = insights.clearOrder.map((step) => step.wave);
        const expected = waves.length === 0 ? 0 : Math.max(...waves) + 2;
        expect(insights.criticalPath.length).toBe(expected);
      }),
    );
  });
});
