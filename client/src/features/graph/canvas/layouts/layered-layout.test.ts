import cytoscape from "cytoscape";
import { describe, expect, it } from "vitest";
import { applyDiff } from "../apply-diff";
import { GRAPH_STYLESHEET } from "../graph-styles";
import { makeSnapshot } from "../snapshot-fixture";
import { toElements } from "../to-elements";
import { elkPositions, toElkGraph } from "./elk-graph";
import { layoutOnMainThread } from "./elk-runner";
import { runLayeredLayout } from "./layered-layout";

function graphOf(snapshot: ReturnType<typeof makeSnapshot>, dup: "show" | "collapse" = "show") {
  const cy = cytoscape({ headless: true, styleEnabled: true, style: GRAPH_STYLESHEET });
  applyDiff(cy, toElements(snapshot, { rel: null, dup, highlighted: new Set() }));
  return cy;
}

const y = (cy: cytoscape.Core, key: string) => cy.getElementById(key).position().y;

describe("layered layout (ELK on the main thread)", () => {
  it("puts a BLOCKS parent above its child, down a chain", async () => {
    const cy = graphOf(
      makeSnapshot(
        ["CASE:c", "CASE:b", "CASE:a"],
        [
          ["CASE:a", "BLOCKS", "CASE:b"],
          ["CASE:b", "CAUSES", "CASE:c"],
        ],
      ),
    );
    const finished = await runLayeredLayout(cy, {
      fit: false,
      animate: false,
      elk: layoutOnMainThread,
    });
    expect(finished).toBe(true);
    expect(y(cy, "CASE:a")).toBeLessThan(y(cy, "CASE:b"));
    expect(y(cy, "CASE:b")).toBeLessThan(y(cy, "CASE:c"));
  });

  it("lets BLOCKS win over a RELATES_TO pointing the other way", async () => {
    const cy = graphOf(
      makeSnapshot(
        ["CASE:a", "CASE:b", "CASE:c"],
        [
          ["CASE:a", "BLOCKS", "CASE:b"],
          ["CASE:b", "BLOCKS", "CASE:c"],
          ["CASE:c", "RELATES_TO", "CASE:a"],
        ],
      ),
    );
    await runLayeredLayout(cy, { fit: false, animate: false, elk: layoutOnMainThread });
    expect(y(cy, "CASE:a")).toBeLessThan(y(cy, "CASE:b"));
    expect(y(cy, "CASE:b")).toBeLessThan(y(cy, "CASE:c"));
  });

  it("keeps entities joined only by RELATES_TO in neighbouring layers, not one wide row", async () => {
    const cy = graphOf(makeSnapshot(["CASE:a", "CASE:b"], [["CASE:a", "RELATES_TO", "CASE:b"]]));
    await runLayeredLayout(cy, { fit: false, animate: false, elk: layoutOnMainThread });
    expect(y(cy, "CASE:a")).toBeLessThan(y(cy, "CASE:b"));
  });

  it("lays out a collapsed duplicate cluster as one node in its chain", async () => {
    const cy = graphOf(
      makeSnapshot(
        ["CASE:root", "CASE:orig", "CASE:copy", "CASE:after"],
        [
          ["CASE:root", "BLOCKS", "CASE:orig"],
          ["CASE:copy", "DUPLICATES", "CASE:orig"],
          ["CASE:orig", "BLOCKS", "CASE:after"],
        ],
      ),
      "collapse",
    );
    await runLayeredLayout(cy, { fit: false, animate: false, elk: layoutOnMainThread });
    expect(y(cy, "CASE:root")).toBeLessThan(y(cy, "CASE:orig"));
    expect(y(cy, "CASE:orig")).toBeLessThan(y(cy, "CASE:after"));
    expect(cy.getElementById("CASE:copy").empty()).toBe(true);
  });

  it("drops a result that arrives after the view moved on", async () => {
    const cy = graphOf(makeSnapshot(["CASE:a", "CASE:b"], [["CASE:a", "BLOCKS", "CASE:b"]]));
    const controller = new AbortController();
    const elk = async (graph: Parameters<typeof layoutOnMainThread>[0]) => {
      const result = await layoutOnMainThread(graph);
      controller.abort();
      return result;
    };
    const before = cy.nodes().map((node) => ({ ...node.position() }));
    const finished = await runLayeredLayout(cy, {
      fit: false,
      animate: false,
      elk,
      signal: controller.signal,
    });
    expect(finished).toBe(false);
    expect(cy.nodes().map((node) => node.position())).toEqual(before);
  });
});

describe("ELK graph", () => {
  it("nests compound members and ranks by the directed relationships first", () => {
    const graph = toElkGraph(
      [
        { id: "g", parent: null, width: 0, height: 0 },
        { id: "a", parent: "g", width: 40, height: 30 },
        { id: "b", parent: null, width: 40, height: 30 },
      ],
      [
        { id: "e1", source: "a", target: "b", relationship: "BLOCKS" },
        { id: "e2", source: "a", target: "b", relationship: "RELATES_TO" },
        { id: "e3", source: "a", target: "b", relationship: "MADE_UP" },
      ],
    );
    expect(graph.layoutOptions).toMatchObject({
      "elk.algorithm": "layered",
      "elk.direction": "DOWN",
    });
    expect(graph.children?.map((child) => child.id)).toEqual(["g", "b"]);
    expect(graph.children?.[0]?.children?.map((child) => child.id)).toEqual(["a"]);
    expect(
      graph.edges?.map((edge) => [edge.id, edge.layoutOptions?.["elk.layered.priority.direction"]]),
    ).toEqual([
      ["e1", "10"],
      ["e2", "0"],
      ["e3", "0"],
    ]);
  });

  it("turns nested top-left corners into absolute centres", () => {
    const positions = elkPositions({
      id: "root",
      children: [
        {
          id: "g",
          x: 100,
          y: 50,
          children: [{ id: "a", x: 10, y: 20, width: 40, height: 30 }],
        },
      ],
    });
    expect(positions.get("a")).toEqual({ x: 130, y: 85 });
    expect(positions.has("g")).toBe(false);
  });
});
