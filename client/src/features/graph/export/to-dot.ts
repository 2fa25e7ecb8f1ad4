import type { GraphSnapshot } from "../../../lib/graph-types";
import {
  entityCaptionLines,
  entityLook,
  isClosed,
  NODE_MARKS,
  relationshipStyle,
  STATUS_MARKS,
  statusTone,
} from "../../../lib/graph-vocabulary";
import { type ExportView, viewGraph } from "./export-view";

/**
 * A Graphviz `digraph` of the view, top to bottom, drawn from the graph vocabulary like the view. Node ids
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
      `label=${dotString(entityCaptionLines(node).join("\n"))}`,
      `id=${dotString(node.key)}`,
      `shape=${entityLook(node.type).dotShape}`,
      `fillcolor="${STATUS_MARKS[statusTone(node.label?.status)].fill}"`,
    ];
    if (isClosed(node)) attributes.push('color="#d1d5db"', 'fontcolor="#6b7280"');
    if (node.key === graph.root) attributes.push("penwidth=3", `color="${NODE_MARKS.root}"`);
    lines.push(`  ${idOf.get(node.key)} [${attributes.join(", ")}];`);
  }

  for (const edge of graph.edges) {
    const style = relationshipStyle(edge.relationship);
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
