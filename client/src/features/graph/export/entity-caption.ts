import type { GraphNode } from "../../../lib/graph-types";

const TYPE_WORDS: Record<string, string> = {
  CASE: "Case",
  INCIDENT: "Incident",
  PAGE: "Page",
  AGENT_CONVERSATION: "Conversation",
};

/** The name a node is shown with: its key (PAY-101), else its type and a short id. */
export function entityCaption(node: GraphNode): string {
  if (node.label?.key) return node.label.key;
  return `${TYPE_WORDS[node.type] ?? node.type} ${node.id.slice(0, 8)}`;
}

export function entityTitle(node: GraphNode): string | undefined {
  const title = node.label?.title?.trim();
  return title ? title : undefined;
}

// Cases close as CLOSED, incidents as resolved; both are drawn faded.
export function isClosed(node: GraphNode): boolean {
  const status = node.label?.status?.trim().toUpperCase();
  return status === "CLOSED" || status === "RESOLVED";
}
