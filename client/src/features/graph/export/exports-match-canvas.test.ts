import { RELATIONSHIPS } from "@casegraph/server/contract";
import cytoscape from "cytoscape";
import { describe, expect, it } from "vitest";
import type { GraphEdge, GraphNode, GraphSnapshot } from "../../../lib/graph-types";
import { applyDiff } from "../canvas/apply-diff";
import { GRAPH_STYLESHEET } from "../canvas/graph-styles";
import { toElements } from "../canvas/to-elements";
import { toDot } from "./to-dot";
import { toMermaid } from "./to-mermaid";

/** One link of every relationship, plus one Datadog may add later. */
function everyRelationship(): GraphSnapshot {
  const relationships = [...RELATIONSHIPS, "NEW_KIND"];
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  relationships.forEach((relationship, i) => {
    for (const key of [`CASE:p${i}`, `CASE:c${i}`]) {
      nodes.set(key, {
        key,
        type: "CASE",
        id: key.slice(5),
        hop: 1,
        labelStatus: "done",
        frontier: false,
      });
    }
    edges.push({ id: `l${i}`, source: `CASE:p${i}`, target: `CASE:c${i}`, relationship });
  });
  return { rootKey: "CASE:p0", nodes, edges, incomplete: false };
}

interface Drawn {
  color: string;
  width: number;
  line: string;
  arrow: boolean;
}

function hexOf(rgb: string): string {
  const parts = rgb.match(/\d+/g)?.map(Number) ?? [];
  return `#${parts.map((n) => n.toString(16).padStart(2, "0")).join("")}`;
}

function onCanvas(snapshot: GraphSnapshot): Map<string, Drawn> {
  const cy = cytoscape({ headless: true, styleEnabled: true, style: GRAPH_STYLESHEET });
  applyDiff(cy, toElements(snapshot, { rel: null, dup: "show", highlighted: new Set() }));
  return new Map(
    cy.edges().map((edge) => [
      String(edge.data("relationship")),
      {
        color: hexOf(edge.style("line-color")),
        width: Number.parseFloat(edge.style("width")),
        line: edge.style("line-style"),
        arrow: edge.style("target-arrow-shape") !== "none",
      },
    ]),
  );
}

function inDot(snapshot: GraphSnapshot): Map<string, Drawn> {
  const drawn = new Map<string, Drawn>();
  for (const line of toDot(snapshot, { rel: null }).split("\n")) {
    const relationship = line.match(/ -> .*label="([A-Z_]+)"/)?.[1];
    if (!relationship) continue;
    drawn.set(relationship, {
      color: line.match(/ color="(#[0-9a-f]{6})"/)?.[1] ?? "",
      width: Number(line.match(/penwidth=([\d.]+)/)?.[1]),
      line: line.match(/style=(\w+)/)?.[1] ?? "solid",
      arrow: !line.includes("dir=none"),
    });
  }
  return drawn;
}

function inMermaid(snapshot: GraphSnapshot): Map<string, Drawn> {
  const lines = toMermaid(snapshot, { rel: null }).split("\n");
  const links = lines.filter((l) => /^ {2}n\d+ \S+\|[^|]*\| n\d+$/.test(l));
  const drawn = new Map<string, Drawn>();
  links.forEach((link, index) => {
    const relationship = link.match(/\|([A-Z_]+)\|/)?.[1] ?? "";
    const style =
      lines.find((l) => new RegExp(`^ {2}linkStyle (\\d+,)*${index}(,\\d+)* `).test(l)) ?? "";
    const dash = style.match(/stroke-dasharray:([\d ]+)/)?.[1];
    drawn.set(relationship, {
      color: style.match(/stroke:(#[0-9a-f]{6})/)?.[1] ?? "",
      width: Number(style.match(/stroke-width:([\d.]+)px/)?.[1]),
      line: dash === undefined ? "solid" : dash === "6 4" ? "dashed" : "dotted",
      arrow: !link.includes(" ---|"),
    });
  });
  return drawn;
}

describe("exports draw every relationship as the canvas does", () => {
  const snapshot = everyRelationship();
  const canvas = onCanvas(snapshot);

  it("has a canvas style for every relationship", () => {
    expect([...canvas.keys()].sort()).toEqual([...RELATIONSHIPS, "NEW_KIND"].sort());
  });

  for (const [name, exported] of [
    ["Graphviz DOT", inDot(snapshot)],
    ["Mermaid", inMermaid(snapshot)],
  ] as const) {
    it(`${name}: same colour, width, line style and arrow`, () => {
      expect(Object.fromEntries(exported)).toEqual(Object.fromEntries(canvas));
    });
  }
});
