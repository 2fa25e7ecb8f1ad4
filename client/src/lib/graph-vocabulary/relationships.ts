import { isKnownRelationship, type KnownRelationship } from "@casegraph/server/contract";

export type EdgeLineStyle = "solid" | "dashed" | "dotted";

export interface RelationshipStyle {
  color: string;
  line: EdgeLineStyle;
  /** Line width in CSS px on the canvas, stroke width in Mermaid, pen width in Graphviz. */
  width: number;
  /** An arrowhead at the child; relationships without a direction have none. */
  arrow: boolean;
  /** Plain words for a legend. */
  description: string;
}

/** Relationship types Datadog may add later are drawn as this. */
export const OTHER_RELATIONSHIP = "OTHER";
export type StyledRelationship = KnownRelationship | typeof OTHER_RELATIONSHIP;

/**
 * The one table of how links are drawn: the canvas stylesheet, the legend and the DOT and
 * Mermaid exports are all generated from it. BLOCKS, CAUSES and DUPLICATES stand out; the
 * other types are drawn muted.
 */
export const RELATIONSHIP_STYLES: Readonly<Record<StyledRelationship, RelationshipStyle>> = {
  BLOCKS: { color: "#d62728", line: "solid", width: 3, arrow: true, description: "blocks" },
  CAUSES: { color: "#ff7f0e", line: "dashed", width: 2.5, arrow: true, description: "causes" },
  DUPLICATES: {
    color: "#9467bd",
    line: "dotted",
    width: 2.5,
    arrow: true,
    description: "duplicates",
  },
  RELATES_TO: {
    color: "#8c8c8c",
    line: "solid",
    width: 1.5,
    arrow: false,
    description: "relates to",
  },
  PARENT_OF: { color: "#b0b0b0", line: "solid", width: 1, arrow: true, description: "parent of" },
  SUCCESSOR_OF: {
    color: "#a8a8b8",
    line: "dashed",
    width: 1,
    arrow: true,
    description: "successor of",
  },
  ESCALATES_TO: {
    color: "#b8a8a8",
    line: "dotted",
    width: 1,
    arrow: true,
    description: "escalates to",
  },
  OTHER: { color: "#bdbdbd", line: "solid", width: 1, arrow: true, description: "other link" },
};

/** The style row a relationship is drawn with: its own, or OTHER's for types added later. */
export function styledRelationship(relationship: string): StyledRelationship {
  return isKnownRelationship(relationship) ? relationship : OTHER_RELATIONSHIP;
}

export function relationshipStyle(relationship: string): RelationshipStyle {
  return RELATIONSHIP_STYLES[styledRelationship(relationship)];
}

/** Whether a relationship passes the view's filter (`null` shows every relationship). */
export function relationshipShown(relationship: string, rel: readonly string[] | null): boolean {
  return rel === null || rel.includes(relationship);
}
