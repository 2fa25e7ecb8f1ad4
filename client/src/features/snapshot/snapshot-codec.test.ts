import { describe, expect, it } from "vitest";
import type { GraphNode, GraphSnapshot } from "../../lib/graph-types";
import {
  decodeSnapshot,
  encodeSnapshot,
  MAX_SNAPSHOT_CHARS,
  snapshotFromHash,
  snapshotUrl,
} from "./snapshot-codec";

function graph(size: number): GraphSnapshot {
  const nodes = new Map<string, GraphNode>();
  for (let i = 0; i < size; i++) {
    const id = `0000000${i}-1111-4222-8333-${String(i).padStart(12, "0")}`.slice(-36);
    const key = `CASE:${id}`;
    nodes.set(key, {
      key,
      type: "CASE",
      id,
      hop: i === 0 ? 0 : 1,
      frontier: i % 2 === 0,
      labelStatus: "done",
      linksStatus: "done",
      label: {
        type: "CASE",
        id,
        key: `PAY-${100 + i}`,
        title: `Checkout step ${i} failing for EU cardholders`,
        status: i % 3 === 0 ? "CLOSED" : "OPEN",
        priority: `P${(i % 5) + 1}`,
        assignee: "Priya Raman",
        url: `https://app.datadoghq.com/cases/${id}`,
        created_at: "2026-03-14T08:15:00.000Z",
      },
    });
  }
  const keys = [...nodes.keys()];
  const edges = keys.slice(1).map((key, i) => ({
    id: `link-${i}`,
    source: key,
    target: keys[0] as string,
    relationship: i % 2 === 0 ? "BLOCKS" : "CAUSES",
  }));
  return { rootKey: keys[0] as string, nodes, edges, incomplete: false };
}

const comparable = (snapshot: GraphSnapshot) => ({
  root: snapshot.rootKey,
  nodes: [...snapshot.nodes.values()].map(({ key, label, hop, frontier }) => ({
    key,
    label,
    hop,
    frontier,
  })),
  edges: snapshot.edges.map(({ source, target, relationship }) => [source, target, relationship]),
});

describe("snapshot links", () => {
  const asOf = new Date("2026-03-14T10:42:00Z");

  it("round-trips entities with their labels, links and the time they were read", () => {
    const original = graph(40);
    const decoded = decodeSnapshot(encodeSnapshot(original, asOf));
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(decoded.frozen.asOf).toBe(asOf.toISOString());
    expect(comparable(decoded.frozen.snapshot)).toEqual(comparable(original));
  });

  it("puts the graph in the fragment, beside the page's view parameters", () => {
    const link = snapshotUrl(
      { origin: "https://casegraph.example", search: "?depth=2" },
      graph(5),
      asOf,
    );
    expect(link.url).toMatch(/^https:\/\/casegraph\.example\/snapshot\?depth=2#snapshot=/);
    expect(snapshotFromHash(new URL(link.url ?? "").hash)).not.toBeNull();
  });

  it("refuses a graph too large for a link instead of making a broken one", () => {
    const link = snapshotUrl({ origin: "o", search: "" }, graph(1500), asOf);
    expect(link.url).toBeNull();
    expect(link.chars).toBeGreaterThan(MAX_SNAPSHOT_CHARS);
  });

  it("says a damaged link is damaged", () => {
    const encoded = encodeSnapshot(graph(10), asOf);
    for (const bad of ["", "nonsense", encoded.slice(0, encoded.length / 2)]) {
      const result = decodeSnapshot(bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toContain("damaged");
    }
  });
});
