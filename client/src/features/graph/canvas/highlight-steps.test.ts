import { describe, expect, it } from "vitest";
import { mapSteps, stepKey, stepsAlong } from "./highlight-steps";

describe("highlight steps", () => {
  it("runs from each key to the next, and a cycle back to its first", () => {
    expect([...stepsAlong(["a", "b", "c"], "BLOCKS", false)]).toEqual([
      stepKey("BLOCKS", "a", "b"),
      stepKey("BLOCKS", "b", "c"),
    ]);
    expect(stepsAlong(["a", "b"], "CAUSES", true)).toEqual(
      new Set([stepKey("CAUSES", "a", "b"), stepKey("CAUSES", "b", "a")]),
    );
    expect(stepsAlong([], "BLOCKS", true).size).toBe(0);
  });

  it("renames the ends of every step, as a duplicate is drawn as its cluster's original", () => {
    const steps = stepsAlong(["dup", "b"], "BLOCKS", false);
    expect(mapSteps(steps, (key) => (key === "dup" ? "original" : key))).toEqual(
      new Set([stepKey("BLOCKS", "original", "b")]),
    );
  });
});
