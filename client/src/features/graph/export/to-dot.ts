import type { GraphNode, GraphSnapshot } from "../../../lib/graph-types";
import { edgeStyle } from "./edge-styles";
import { entityCaption, entityTitle, isClosed } from "./entity-caption";
import { type ExportView, viewGraph } from "./export-view";

const SHAPES: Record<string, string> = {
  CASE: "box",
  INCIDENT: "hexagon",
  PAGE: "cds",
  AGENT_CONVERSATION: "ellipse",
};

/**
 * A Graphviz `digraph` of the view, top to bottom, with the graph view's edge colours. Node ids
 * are `n0`, `n1`…; the entity reference (`CASE:…`) is kept as each node's `id` attribute.
 */
export function toDot(snapshot: GraphSnapshot, view: ExportView): string {
  const graph = viewGraph(snapshot, view);
  const idOf = new Map(graph.nodes.map((node, i) => [node.key, `n${i}`]));
  const lines = [
    "digraph casegraph {",
    "  rankdir=TB;",
    '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#4b5563", fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];

  for (const node of graph.nodes) {
    const attributes = [
      `label=${dotString(nodeLabel(node))}`,
      `id=${dotString(node.key)}`,
      `shape=${SHAPES[node.type] ?? "box"}`,
    ];
    if (isClosed(node))
      attributes.push('fillcolor="#f3f4f6"', 'color="#d1d5db"', 'fontcolor="#9ca3af"');
    if (node.key === graph.root) attributes.push("penwidth=3", 'color="#111827"');
    lines.push(`  ${idOf.get(node.key)} [${attributes.join(", ")}];`);
  }

  for (const edge of graph.edges) {
    const style = edgeStyle(edge.relationship);
    const attributes = [
      `label=${dotString(edge.relationship)}`,
      `color="${style.color}"`,
      `fontcolor="${style.color}"`,
      `penwidth=${style.width}`,
    ];
    if (style.line !== "solid") attributes.push(`style=${style.line}`);
    if (!style.arrow) attributes.push("dir=none");
    lines.push(
      `  ${idOf.get(edge.source)} -> ${idOf.get(edge.target)} [${attributes.join(", ")}];`,
    );
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

/** A caption and title on two lines; the line break is applied by `dotString`. */
function nodeLabel(node: GraphNode): string {
  const title = entityTitle(node);
  return title === undefined ? entityCaption(node) : `${entityCaption(node)}\n${title}`;
}

/**
 * A double-quoted DOT string: backslashes and quotes escaped, so a title cannot end the string
 * or smuggle in Graphviz escapes (`\l`, `\N`); line breaks become DOT's `\n`.
 */
export function dotString(text: string): string {
  const escaped = text
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\r\n|\r|\n/g, "\\n");
  return `"${escaped}"`;
}
