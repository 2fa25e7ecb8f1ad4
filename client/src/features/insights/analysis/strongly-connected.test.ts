import { describe, expect, it } from "vitest";
import { isCyclic, stronglyConnected } from "./strongly-connected";

describe("stronglyConnected", () => {
  it("finds a two-cycle and leaves the rest as single components", () => {
    // 0 -> 1 -> 2 -> 1, 2 -> 3
    const out = [[1], [2], [1, 3], []];
    const { components, componentOf } = stronglyConnected(out);
    expect(components).toContainEqual([1, 2]);
    expect(componentOf[1]).toBe(componentOf[2]);
    expect(components).toHaveLength(3);
  });

  it("emits children before the components that point at them", () => {
    const out = [[1], [2], []];
    const { componentOf } = stronglyConnected(out);
    expect(componentOf[2]).toBeLessThan(componentOf[1] as number);
    expect(componentOf[1]).toBeLessThan(componentOf[0] as number);
  });

  it("walks a 20,000-node chain without overflowing the stack", () => {
    const size = 20_000;
    const out = Array.from({ length: size }, (_, i) => (i + 1 < size ? [i + 1] : [0]));
    const { components } = stronglyConnected(out);
    expect(components).toHaveLength(1);
    expect(components[0]).toHaveLength(size);
  });

  it("counts a self-loop as a cycle but not a lone node", () => {
    expect(isCyclic([0], [[0]])).toBe(true);
    expect(isCyclic([0], [[]])).toBe(false);
  });
});
