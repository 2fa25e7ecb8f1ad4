import { describe, expect, it } from "vitest";
import { relaxHops } from "./hop-relaxation";

function graph(pairs: [string, string][]) {
  const adjacent = new Map<string, Set<string>>();
  for (const [a, b] of pairs) {
    adjacent.set(a, (adjacent.get(a) ?? new Set()).add(b));
    adjacent.set(b, (adjacent.get(b) ?? new Set()).add(a));
  }
  return (key: string) => adjacent.get(key) ?? [];
}

describe("relaxHops", () => {
  it("gives hops to nodes reached from a start", () => {
    const hops = new Map([["root", 0]]);
    const changed = relaxHops(
      hops,
      graph([
        ["root", "a"],
        ["a", "b"],
      ]),
      ["root"],
    );
    expect(Object.fromEntries(hops)).toEqual({ root: 0, a: 1, b: 2 });
    expect(changed).toEqual(["a", "b"]);
  });

  it("lowers a node reached late by a shorter path, and everything beyond it", () => {
    // root - x - y - v - w was known first; then a short cut root - c - v appears.
    const neighbours = graph([
      ["root", "x"],
      ["x", "y"],
      ["y", "v"],
      ["v", "w"],
      ["root", "c"],
      ["c", "v"],
    ]);
    const hops = new Map([
      ["root", 0],
      ["x", 1],
      ["y", 2],
      ["v", 3],
      ["w", 4],
      ["c", 1],
    ]);
    const changed = relaxHops(hops, neighbours, ["c"]);
    expect(hops.get("v")).toBe(2);
    expect(hops.get("w")).toBe(3);
    expect(hops.get("y")).toBe(2);
    expect(changed.sort()).toEqual(["v", "w"]);
  });

  it("never raises a hop, and lowers through any start", () => {
    const hops = new Map([
      ["root", 0],
      ["a", 5],
      ["b", 1],
    ]);
    relaxHops(hops, graph([["a", "b"]]), ["a", "b"]);
    expect(hops.get("b")).toBe(1);
    expect(hops.get("a")).toBe(2);
  });

  it("ends on cycles and self-links", () => {
    const hops = new Map([["a", 0]]);
    relaxHops(
      hops,
      graph([
        ["a", "b"],
        ["b", "c"],
        ["c", "a"],
        ["c", "c"],
      ]),
      ["a"],
    );
    expect(Object.fromEntries(hops)).toEqual({ a: 0, b: 1, c: 1 });
  });

  it("ignores starts without a hop", () => {
    const hops = new Map<string, number>();
    expect(relaxHops(hops, graph([["a", "b"]]), ["a"])).toEqual([]);
    expect(hops.size).toBe(0);
  });
});
