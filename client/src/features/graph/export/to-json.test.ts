import { describe, expect, it } from "vitest";
import { incidentGraph } from "./test-graph";
import { toJson, toJsonDocument } from "./to-json";

const now = new Date("2025-12-30T13:49:47.000Z");

describe("toJson", () => {
  it("describes the root, every entity and every link of the view", () => {
    const doc = toJsonDocument(incidentGraph(), { rel: null }, { now });
    expect(doc.root).toBe("CASE:a");
    expect(doc.generated_at).toBe("2025-12-30T13:49:47.000Z");
    expect(doc.incomplete).toBe(true);
    expect(doc.relationships).toBeNull();
    expect(doc.entities[0]).toEqual({
      type: "CASE",
      id: "a",
      key: "PAY-101",
      title: 'Checkout "pay" button fails',
      status: "OPEN",
      priority: "P1",
      hop: 0,
    });
    expect(doc.entities).toHaveLength(6);
    expect(doc.links).toContainEqual({
      id: "l1",
      parent: "CASE:b",
      child: "CASE:a",
      relationship: "BLOCKS",
    });
  });

  it("writes null, not nothing, for what is not known", () => {
    const doc = toJsonDocument(incidentGraph(), { rel: null }, { now });
    expect(doc.entities.find((e) => e.type === "PAGE")).toEqual({
      type: "PAGE",
      id: "pg-12345678-9",
      key: null,
      title: null,
      status: null,
      priority: null,
      hop: 2,
    });
  });

  it("keeps only the relationships of the view, and the entities they join", () => {
    const doc = toJsonDocument(incidentGraph(), { rel: ["BLOCKS", "CAUSES"] }, { now });
    expect(doc.relationships).toEqual(["BLOCKS", "CAUSES"]);
    expect(doc.links.map((l) => l.relationship).sort()).toEqual(["BLOCKS", "CAUSES"]);
    expect(doc.entities.map((e) => `${e.type}:${e.id}`)).toEqual([
      "CASE:a",
      "CASE:b",
      "INCIDENT:inc-1",
    ]);
  });

  it("keeps the root even when no link passes the filter", () => {
    const doc = toJsonDocument(incidentGraph(), { rel: [] }, { now });
    expect(doc.entities.map((e) => e.key)).toEqual(["PAY-101"]);
    expect(doc.links).toEqual([]);
  });

  it("comes out the same whatever order the snapshot holds things in", () => {
    const graph = incidentGraph();
    const shuffled = {
      ...graph,
      nodes: new Map([...graph.nodes].reverse()),
      edges: [...graph.edges].reverse(),
    };
    expect(toJson(shuffled, { rel: null }, { now })).toBe(toJson(graph, { rel: null }, { now }));
  });

  it("is valid JSON text ending with a newline", () => {
    const text = toJson(incidentGraph(), { rel: null }, { now });
    expect(text.endsWith("}\n")).toBe(true);
    expect(JSON.parse(text).root).toBe("CASE:a");
  });
});
