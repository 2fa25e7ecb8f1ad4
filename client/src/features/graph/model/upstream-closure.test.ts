import { describe, expect, it } from "vitest";
import type { GraphEdge } from "../../../lib/graph-types";
import { DEFAULT_UPSTREAM, extendUpstream, upstreamParents } from "./upstream-closure";

function edge(source: string, target: string, relationship = "BLOCKS"): GraphEdge {
  return { id: `${source}-${target}`, source, target, relationship };
}

/** Parents along any relationship, from child -> parents pairs. */
function parentsFrom(pairs: [string, string][]) {
  return (key: string) => pairs.filter(([child]) => child === key).map(([, parent]) => parent);
}

describe("upstreamParents", () => {
  it("keeps the parents of links of the chosen relationships only", () => {
    const into = [edge("p", "c"), edge("q", "c", "CAUSES"), edge("r", "c", "RELATES_TO")];
    expect(upstreamParents(into, new Set(DEFAULT_UPSTREAM))).toEqual(["p", "q"]);
    expect(upstreamParents(into, new Set(["RELATES_TO"]))).toEqual(["r"]);
    expect(upstreamParents(into, new Set())).toEqual([]);
  });
});

describe("extendUpstream", () => {
  it("adds parents, their parents and so on, however far", () => {
    const closure = new Set(["root"]);
    const added = extendUpstream(
      closure,
      parentsFrom([
        ["root", "a"],
        ["a", "b"],
        ["b", "c"],
        ["c", "d"],
      ]),
      ["root"],
    );
    expect(added).toEqual(["a", "b", "c", "d"]);
    expect([...closure].sort()).toEqual(["a", "b", "c", "d", "root"]);
  });

  it("does not walk from a start that is not in the closure", () => {
    const closure = new Set(["root"]);
    expect(extendUpstream(closure, parentsFrom([["x", "y"]]), ["x"])).toEqual([]);
    expect([...closure]).toEqual(["root"]);
  });

  it("walks down no link: children of an ancestor stay out", () => {
    const closure = new Set(["root"]);
    // a is root's parent; root's child k and a's other child s are not ancestors.
    const parents = parentsFrom([
      ["root", "a"],
      ["k", "root"],
      ["s", "a"],
    ]);
    expect(extendUpstream(closure, parents, ["root"])).toEqual(["a"]);
  });

  it("stops on a cycle and adds each ancestor once", () => {
    const closure = new Set(["root"]);
    const parents = parentsFrom([
      ["root", "a"],
      ["a", "b"],
      ["b", "a"],
      ["b", "root"],
    ]);
    expect(extendUpstream(closure, parents, ["root", "root"])).toEqual(["a", "b"]);
  });

  it("resumes from an ancestor when a link above it arrives later", () => {
    const closure = new Set(["root", "a"]);
    expect(extendUpstream(closure, parentsFrom([["a", "b"]]), ["b", "a"])).toEqual(["b"]);
  });
});
