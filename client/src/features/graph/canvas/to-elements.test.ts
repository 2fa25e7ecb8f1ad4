import type { ElementDefinition } from "cytoscape";
import { describe, expect, it } from "vitest";
import { makeSnapshot } from "./snapshot-fixture";
import { nodeLabel, priorityRank, toElements } from "./to-elements";

const all = { rel: null, dup: "show", highlighted: new Set<string>() } as const;

function byId(elements: ElementDefinition[], id: string) {
  const found = elements.find((element) => element.data.id === id);
  if (!found) throw new Error(`no element ${id}`);
  return found;
}

function classesOf(elements: ElementDefinition[], id: string): string[] {
  const classes = byId(elements, id).classes;
  return typeof classes === "string" ? classes.split(" ").filter(Boolean) : (classes ?? []);
}

const snapshot = makeSnapshot(
  [
    {
      key: "CASE:a",
      label: { key: "OPS-1", title: "Checkout down", status: "OPEN", priority: "P1" },
    },
    { key: "CASE:b", hop: 1, label: { key: "OPS-2", status: "CLOSED" }, frontier: true },
    { key: "INCIDENT:c", hop: 1, labelStatus: "error" },
    { key: "PAGE:d", hop: 2, labelStatus: "pending" },
    { key: "ROBOT:e", hop: 2 },
  ],
  [
    ["CASE:a", "BLOCKS", "CASE:b"],
    ["CASE:a", "RELATES_TO", "INCIDENT:c"],
    ["INCIDENT:c", "CAUSES", "PAGE:d"],
    ["PAGE:d", "SOMETHING_NEW", "ROBOT:e"],
  ],
);

describe("toElements", () => {
  it("uses node keys and link ids as element ids", () => {
    const elements = toElements(snapshot, all);
    expect(elements.filter((e) => e.group === "nodes").map((e) => e.data.id)).toEqual([
      "CASE:a",
      "CASE:b",
      "INCIDENT:c",
      "PAGE:d",
      "ROBOT:e",
    ]);
    expect(byId(elements, "CASE:a>BLOCKS>CASE:b").data).toMatchObject({
      source: "CASE:a",
      target: "CASE:b",
      relationship: "BLOCKS",
      rel: "BLOCKS",
    });
  });

  it("gives styling data: kind, tone, priority rank, hop and a two-line label", () => {
    const elements = toElements(snapshot, all);
    expect(byId(elements, "CASE:a").data).toMatchObject({
      kind: "case",
      tone: "open",
      priority: "P1",
      rank: 1,
      hop: 0,
      label: "OPS-1 · P1\nCheckout down",
    });
    expect(byId(elements, "INCIDENT:c").data.kind).toBe("incident");
    expect(byId(elements, "ROBOT:e").data).toMatchObject({ kind: "unknown", tone: "unknown" });
    expect(byId(elements, "PAGE:d>SOMETHING_NEW>ROBOT:e").data.rel).toBe("OTHER");
  });

  it("marks root, closed, failed, pending and frontier nodes with classes", () => {
    const elements = toElements(snapshot, all);
    expect(classesOf(elements, "CASE:a")).toEqual(["root"]);
    expect(classesOf(elements, "CASE:b")).toEqual(["closed", "frontier"]);
    expect(classesOf(elements, "INCIDENT:c")).toEqual(["failed"]);
    expect(classesOf(elements, "PAGE:d")).toEqual(["pending"]);
  });

  it("leaves out edges the relationship filter hides but keeps every node", () => {
    const elements = toElements(snapshot, { ...all, rel: ["BLOCKS"] });
    expect(elements.filter((e) => e.group === "edges").map((e) => e.data.relationship)).toEqual([
      "BLOCKS",
    ]);
    expect(elements.filter((e) => e.group === "nodes")).toHaveLength(5);
  });

  it("highlights the given nodes and the edges between them, fading the rest", () => {
    const elements = toElements(snapshot, { ...all, highlighted: new Set(["CASE:a", "CASE:b"]) });
    expect(classesOf(elements, "CASE:a")).toContain("highlighted");
    expect(classesOf(elements, "INCIDENT:c")).toContain("faded");
    expect(classesOf(elements, "CASE:a>BLOCKS>CASE:b")).toEqual(["highlighted"]);
    expect(classesOf(elements, "CASE:a>RELATES_TO>INCIDENT:c")).toEqual(["faded"]);
  });

  it("collapses each DUPLICATES cluster into one compound node named after its original", () => {
    const dupes = makeSnapshot(
      [
        { key: "CASE:root" },
        { key: "CASE:orig", hop: 1, label: { key: "OPS-7" } },
        { key: "CASE:copy1", hop: 2 },
        { key: "CASE:copy2", hop: 2 },
        { key: "CASE:x", hop: 1 },
        { key: "CASE:y", hop: 2 },
      ],
      [
        ["CASE:root", "BLOCKS", "CASE:orig"],
        ["CASE:copy1", "DUPLICATES", "CASE:orig"],
        ["CASE:copy2", "DUPLICATES", "CASE:copy1"],
        ["CASE:y", "DUPLICATES", "CASE:x"],
      ],
    );
    const elements = toElements(dupes, { ...all, dup: "collapse" });
    const groups = elements.filter((e) => e.classes === "dup-group");
    expect(groups.map((g) => g.data.id).sort()).toEqual(["dup:CASE:orig", "dup:CASE:x"]);
    expect(byId(elements, "dup:CASE:orig").data.label).toBe("OPS-7 and 2 duplicate(s)");
    for (const member of ["CASE:orig", "CASE:copy1", "CASE:copy2"]) {
      expect(byId(elements, member).data.parent).toBe("dup:CASE:orig");
    }
    expect(byId(elements, "CASE:root").data.parent).toBeUndefined();
    // Parents come before children so cytoscape can add them in one go.
    expect(elements.findIndex((e) => e.data.id === "dup:CASE:orig")).toBeLessThan(
      elements.findIndex((e) => e.data.id === "CASE:orig"),
    );
    // The box says "duplicates"; the links inside it are not drawn again.
    expect(elements.some((e) => e.data.relationship === "DUPLICATES")).toBe(false);
    expect(elements.some((e) => e.data.relationship === "BLOCKS")).toBe(true);

    const shown = toElements(dupes, all);
    expect(shown.some((e) => e.classes === "dup-group")).toBe(false);
    expect(shown.filter((e) => e.data.relationship === "DUPLICATES")).toHaveLength(3);
  });

  it("skips links to nodes that are not in the snapshot", () => {
    const partial = makeSnapshot(["CASE:a"], [["CASE:a", "BLOCKS", "CASE:missing"]]);
    expect(toElements(partial, all).filter((e) => e.group === "edges")).toEqual([]);
  });
});

describe("labels and priority", () => {
  it("ranks case priorities and incident severities alike, P1/SEV-1 strongest", () => {
    expect(priorityRank("P1")).toBe(1);
    expect(priorityRank("SEV-3")).toBe(3);
    expect(priorityRank("NOT_DEFINED")).toBe(0);
    expect(priorityRank(undefined)).toBe(0);
  });

  it("truncates long titles and falls back to type and id before the label arrives", () => {
    const [node] = makeSnapshot([
      { key: "CASE:0123456789abcdef", label: { key: "OPS-9", title: "x".repeat(80) } },
    ]).nodes.values();
    if (!node) throw new Error("fixture");
    const [first, second] = nodeLabel(node).split("\n");
    expect(first).toBe("OPS-9");
    expect(second?.length).toBe(38);
    expect(second?.endsWith("…")).toBe(true);
    const [bare] = makeSnapshot(["CASE:0123456789abcdef"]).nodes.values();
    if (!bare) throw new Error("fixture");
    // The same name the tables and panels use.
    expect(nodeLabel(bare)).toBe("Case 01234567");
  });
});
