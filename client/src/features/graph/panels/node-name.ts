import type { GraphNode } from "../../../lib/graph-types";

const TYPE_NAMES: Record<string, string> = {
  CASE: "Case",
  INCIDENT: "Incident",
  PAGE: "Page",
  AGENT_CONVERSATION: "Agent conversation",
};

/** What a person calls a node: its key where it has one, else its type and a short id. */
export function nodeName(node: Pick<GraphNode, "type" | "id" | "label">): string {
  return node.label?.key ?? `${typeName(node.type)} ${node.id.slice(0, 8)}`;
}

export function typeName(type: string): string {
  return TYPE_NAMES[type] ?? type;
}

export function visibleRelationship(relationship: string, rel: readonly string[] | null): boolean {
  return rel === null || rel.includes(relationship);
}
