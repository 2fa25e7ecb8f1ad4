import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateScenario } from "./generate-scenario";
import { hopDistances } from "./hop-distances";

const entityCount = (scenario: ReturnType<typeof generateScenario>["scenario"]) =>
  scenario.cases.length + scenario.incidents.length;

describe("generateScenario", () => {
  it("makes the same graph for the same seed and a different one for another seed", () => {
    const a = generateScenario({ seed: 7, entities: 300, depth: 5 });
    const b = generateScenario({ seed: 7, entities: 300, depth: 5 });
    const c = generateScenario({ seed: 8, entities: 300, depth: 5 });
    expect(b).toEqual(a);
    expect(c.scenario.links).not.toEqual(a.scenario.links);
  });

  it("reaches every entity from the root, the farthest exactly `depth` hops away", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 5 }),
        (seed, depth, extra, degree) => {
          const entities = depth + 1 + extra;
          const { scenario, rootId } = generateScenario({ seed, entities, depth, degree });
          const distances = hopDistances(scenario, rootId);
          expect(entityCount(scenario)).toBe(entities);
          expect(distances.size).toBe(entities);
          expect(Math.max(...distances.values())).toBe(depth);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("builds a benchmark-sized graph with cycles, mostly BLOCKS, CAUSES and RELATES_TO, and a few incidents", () => {
    const { scenario, rootId } = generateScenario({ seed: 42, entities: 5_000, depth: 8 });
    const distances = hopDistances(scenario, rootId);

    expect(distances.size).toBe(5_000);
    expect(Math.max(...distances.values())).toBe(8);
    expect(scenario.roots[0]?.id).toBe(rootId);
    // A tree has entities - 1 links; anything more closes a cycle.
    expect(scenario.links.length).toBeGreaterThan(5_000);
    const sameLevel = scenario.links.filter(
      (link) => distances.get(link.parent.id) === distances.get(link.child.id),
    );
    expect(sameLevel.length).toBeGreaterThan(0);
    const common = scenario.links.filter((link) =>
      ["BLOCKS", "CAUSES", "RELATES_TO"].includes(link.relationship),
    );
    expect(common.length / scenario.links.length).toBeGreaterThan(0.7);
    expect(scenario.incidents.length).toBeGreaterThan(0);
    expect(scenario.incidents.length).toBeLessThan(200);
    expect(scenario.links.every((link) => link.parent.id !== link.child.id)).toBe(true);
  });

  it("makes a lone root for depth 0", () => {
    const { scenario, rootId } = generateScenario({ seed: 3, entities: 1, depth: 0 });
    expect(scenario.cases.map((simCase) => simCase.id)).toEqual([rootId]);
    expect(scenario.links).toEqual([]);
  });

  it("refuses a depth it cannot reach with that many entities", () => {
    expect(() => generateScenario({ seed: 1, entities: 3, depth: 5 })).toThrow(/depth \+ 1/);
    expect(() => generateScenario({ seed: 1, entities: 3, depth: 0 })).toThrow(/root only/);
  });
});
