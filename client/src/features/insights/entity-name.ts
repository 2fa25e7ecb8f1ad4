import type { GraphNode, NodeKey } from "../../lib/graph-types";

const TYPE_WORDS: Record<string, string> = {
  CASE: "Case",
  INCIDENT: "Incident",
  PAGE: "Page",
  AGENT_CONVERSATION: "Conversation",
};

/** What people call an entity: its key (PAY-101), else its type and a short id. */
export function entityName(key: NodeKey, node: GraphNode | undefined): string {
  if (node?.label?.key) return node.label.key;
  const type = node?.type ?? key.slice(0, Math.max(0, key.indexOf(":")));
  const id = node?.id ?? key.slice(key.indexOf(":") + 1);
  const word = TYPE_WORDS[type] ?? type;
  // UUIDs are unreadable in full; the first block is enough to tell cases apart on screen.
  return `${word} ${id.slice(0, 8)}`.trim();
}

export function entityTitle(node: GraphNode | undefined): string | undefined {
  const title = node?.label?.title?.trim();
  return title ? title : undefined;
}
