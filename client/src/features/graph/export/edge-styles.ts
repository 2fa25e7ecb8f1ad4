/**
 * How each relationship is drawn in exported diagrams, matching the graph view: BLOCKS red and
 * thick, CAUSES orange dashed, DUPLICATES purple dotted, RELATES_TO without an arrow, the rest
 * muted grey.
 */
export interface EdgeStyle {
  color: string;
  line: "solid" | "dashed" | "dotted";
  /** Stroke width in px (Mermaid) and pen width (Graphviz). */
  width: number;
  arrow: boolean;
}

const STYLES: Record<string, EdgeStyle> = {
  BLOCKS: { color: "#d62728", line: "solid", width: 3, arrow: true },
  CAUSES: { color: "#ff7f0e", line: "dashed", width: 2, arrow: true },
  DUPLICATES: { color: "#9467bd", line: "dotted", width: 2, arrow: true },
  RELATES_TO: { color: "#7f7f7f", line: "solid", width: 1.5, arrow: false },
};

const MUTED: EdgeStyle = { color: "#b0b0b0", line: "solid", width: 1, arrow: true };

export function edgeStyle(relationship: string): EdgeStyle {
  return STYLES[relationship] ?? MUTED;
}
