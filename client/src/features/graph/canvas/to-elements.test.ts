import type { ElementDefinition } from "cytoscape";
import { describe, expect, it } from "vitest";
import { stepsAlong } from "./highlight-steps";
import { makeSnapshot } from "./snapshot-fixture";
import { toElements } from "./to-elements";

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
      label: "○ OPS-1 · P1\nCheckout down",
      title: "OPS-1 (Open): Checkout down",
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

  describe("a highlight along a chain", () => {
    // A chain into a three-case deadlock: x → y → z, and z blocks x back; x also causes y.
    const deadlock = makeSnapshot(
      ["CASE:x", "CASE:y", "CASE:z", "CASE:w"],
      [
        ["CASE:w", "BLOCKS", "CASE:x"],
        ["CASE:x", "BLOCKS", "CASE:y"],
        ["CASE:y", "BLOCKS", "CASE:z"],
        ["CASE:z", "BLOCKS", "CASE:x"],
        ["CASE:x", "CAUSES", "CASE:y"],
      ],
      "CASE:z",
    );
    /** The elements with the chain through `keys` highlighted, and the links drawn lit. */
    const highlightAlong = (keys: string[], closed: boolean) => {
      const elements = toElements(deadlock, {
        ...all,
        highlighted: new Set(keys),
        highlightedSteps: stepsAlong(keys, "BLOCKS", closed),
      });
      const lit = elements
        .filter(
          (e) =>
            e.group === "edges" && classesOf(elements, String(e.data.id)).includes("highlighted"),
        )
        .map((e) => e.data.id)
        .sort();
      return { elements, lit };
    };

    it("lights the links the path runs along, not the deadlock's link back or another kind", () => {
      const { elements, lit } = highlightAlong(["CASE:w", "CASE:x", "CASE:y", "CASE:z"], false);
      expect(lit).toEqual(["CASE:w>BLOCKS>CASE:x", "CASE:x>BLOCKS>CASE:y", "CASE:y>BLOCKS>CASE:z"]);
      expect(classesOf(elements, "CASE:z>BLOCKS>CASE:x")).toEqual(["faded"]);
      expect(classesOf(elements, "CASE:x>CAUSES>CASE:y")).toEqual(["faded"]);
    });

    it("closes a cycle with its link from the last back to the first", () => {
      expect(highlightAlong(["CASE:x", "CASE:y", "CASE:z"], true).lit).toEqual([
        "CASE:x>BLOCKS>CASE:y",
        "CASE:y>BLOCKS>CASE:z",
        "CASE:z>BLOCKS>CASE:x",
      ]);
    });
  });

  it("draws each DUPLICATES cluster as one node named after its original, with a count", () => {
    const dupes = makeSnapshot(
      [
        { key: "CASE:root" },
        { key: "CASE:orig", hop: 1, label: { key: "OPS-7", title: "Login fails" } },
        { key: "CASE:copy1", hop: 2 },
        { key: "CASE:copy2", hop: 2 },
        { key: "CASE:x", hop: 1 },
        { key: "CASE:y", hop: 2 },
      ],
      [
        ["CASE:root", "BLOCKS", "CASE:orig"],
        ["CASE:copy1", "DUPLICATES", "CASE:orig"],
        ["CASE:copy2", "DUPLICATES", "CASE:copy1"],
        ["CASE:root", "BLOCKS", "CASE:copy2"],
        ["CASE:y", "DUPLICATES", "CASE:x"],
      ],
    );
    const elements = toElements(dupes, { ...all, dup: "collapse" });
    const nodes = elements.filter((e) => e.group === "nodes");
    expect(nodes.map((n) => n.data.id).sort()).toEqual(["CASE:orig", "CASE:root", "CASE:x"]);
    expect(byId(elements, "CASE:orig").data.label).toBe("OPS-7\n+2 duplicates\nLogin fails");
    expect(byId(elements, "CASE:orig").data.title).toBe("OPS-7 +2 duplicates: Login fails");
    expect(classesOf(elements, "CASE:orig")).toContain("cluster");
    // Both BLOCKS links now end at the cluster: drawn once. The links inside it are gone.
    const links = elements.filter((e) => e.group === "edges");
    expect(links.map((e) => `${e.data.source} ${e.data.relationship} ${e.data.target}`)).toEqual([
      "CASE:root BLOCKS CASE:orig",
    ]);
    // No compound boxes: the graph gets smaller, not bigger.
    expect(nodes.some((n) => n.data.parent !== undefined)).toBe(false);

    const shown = toElements(dupes, all);
    expect(shown.filter((e) => e.group === "nodes")).toHaveLength(6);
    expect(shown.filter((e) => e.data.relationship === "DUPLICATES")).toHaveLength(3);
  });

  it("highlights a cluster when a path names one of its members", () => {
    const dupes = makeSnapshot(
      ["CASE:a", "CASE:b", "CASE:c"],
      [
        ["CASE:a", "BLOCKS", "CASE:b"],
        ["CASE:b", "DUPLICATES", "CASE:c"],
      ],
    );
    const elements = toElements(dupes, {
      ...all,
      dup: "collapse",
      highlighted: new Set(["CASE:a", "CASE:b"]),
    });
    expect(classesOf(elements, "CASE:c")).toContain("highlighted");
    expect(classesOf(elements, "CASE:a>BLOCKS>CASE:b")).toEqual(["highlighted"]);
  });

  it("skips links to nodes that are not in the snapshot", () => {
    const partial = makeSnapshot(["CASE:a"], [["CASE:a", "BLOCKS", "CASE:missing"]]);
    expect(toElements(partial, all).filter((e) => e.group === "edges")).toEqual([]);
  });
});

describe("labels", () => {
  it("wraps long titles onto two lines before cutting them, and names a node before its label arrives", () => {
    const elements = toElements(
      makeSnapshot([
        {
          key: "CASE:0123456789abcdef",
          label: {
            key: "OPS-9",
            title: "Payment gateway times out for every card issued in the EU",
          },
        },
        "CASE:fedcba9876543210",
      ]),
      all,
    );
    const [first, second, third, more] = String(
      byId(elements, "CASE:0123456789abcdef").data.label,
    ).split("\n");
    expect(first).toBe("OPS-9");
    expect(second).toBe("Payment gateway");
    expect(third?.endsWith("…")).toBe(true);
    expect(more).toBeUndefined();
    // The same name the tables and panels use.
    expect(byId(elements, "CASE:fedcba9876543210").data.label).toBe("Case fedcba98");
  });

  it("says under the headline how many blockers wait past the depth, keeping the box size", () => {
    const [node] = makeSnapshot([
      { key: "CASE:a", label: { key: "OPS-1", title: "Payment gateway times out for EU cards" } },
    ]).nodes.values();
    if (!node) throw new Error("fixture");
    const boundary = makeSnapshot([]);
    const elements = toElements(
      {
        ...boundary,
        rootKey: "CASE:a",
        nodes: new Map([["CASE:a", { ...node, upstreamBeyond: 3 }]]),
      },
      all,
    );
    expect(String(byId(elements, "CASE:a").data.label).split("\n")).toEqual([
      "OPS-1",
      "+3 upstream",
      "Payment gateway…",
    ]);
  });

  it("flags a failed lookup in the label, not by colour alone", () => {
    expect(String(byId(toElements(snapshot, all), "INCIDENT:c").data.label)).toMatch(/^⚠ /);
  });
});
