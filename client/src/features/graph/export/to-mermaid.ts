import type { GraphSnapshot } from "../../../lib/graph-types";
import {
  entityCaptionLines,
  entityLook,
  isClosed,
  NODE_MARKS,
  relationshipStyle,
} from "../../../lib/graph-vocabulary";
import { type ExportView, viewGraph } from "./export-view";

/**
 * A Mermaid `flowchart TD` of the view, for pasting into a postmortem. Node ids are `n0`,
 * `n1`… (entity ids are not safe Mermaid ids); edges are drawn from the graph vocabulary like the view.
 */
export function toMermaid(snapshot: GraphSnapshot, view: ExportView): string {
  const graph = viewGraph(snapshot, view);
  const idOf = new Map(graph.nodes.map((node, i) => [node.key, `n${i}`]));
  const lines = ["flowchart TD"];

  for (const node of graph.nodes) {
    const [open, close] = entityLook(node.type).mermaid;
    lines.push(
      `  ${idOf.get(node.key)}${open}"${entityCaptionLines(node).map(mermaidText).join("<br/>")}"${close}`,
    );
  }

  const linksByStyle = new Map<string, number[]>();
  graph.edges.forEach((edge, i) => {
    const style = relationshipStyle(edge.relationship);
    const arrow = !style.arrow
      ? "---"
      : style.line === "solid" && style.width >= 3
        ? "==>"
        : style.line === "solid"
          ? "-->"
          : "-.->";
    const text = mermaidText(edge.relationship);
    lines.push(`  ${idOf.get(edge.source)} ${arrow}|${text}| ${idOf.get(edge.target)}`);
    const css = linkCss(edge.relationship);
    linksByStyle.set(css, [...(linksByStyle.get(css) ?? []), i]);
  });
  for (const [css, indices] of linksByStyle) lines.push(`  linkStyle ${indices.join(",")} ${css}`);

  lines.push(`  classDef root stroke:${NODE_MARKS.root},stroke-width:3px,font-weight:bold`);
  lines.push("  classDef closed fill:#f3f4f6,stroke:#d1d5db,color:#9ca3af");
  lines.push(`  class ${idOf.get(graph.root)} root`);
  const closed = graph.nodes.filter((node) => isClosed(node) && node.key !== graph.root);
  if (closed.length > 0)
    lines.push(`  class ${closed.map((n) => idOf.get(n.key)).join(",")} closed`);
  return `${lines.join("\n")}\n`;
}

function linkCss(relationship: string): string {
  const style = relationshipStyle(relationship);
  const dash =
    style.line === "dashed"
      ? ",stroke-dasharray:6 4"
      : style.line === "dotted"
        ? ",stroke-dasharray:2 3"
        : "";
  return `stroke:${style.color},stroke-width:${style.width}px${dash}`;
}

/**
 * Text safe inside a quoted Mermaid label or between edge pipes: characters that end a label
 * or start markup become Mermaid entity codes (`#34;`), and line breaks become spaces.
 */
export function mermaidText(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, " ")
    .replace(/[#"<>[\]{}()|`&;]/g, (ch) => `#${ch.charCodeAt(0)};`);
}
