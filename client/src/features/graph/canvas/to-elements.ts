import { isKnownRelationship } from "@casegraph/server/contract";
import type { ElementDefinition } from "cytoscape";
import type { GraphNode, GraphSnapshot, NodeKey } from "../../../lib/graph-types";
import { nodeName } from "../panels/node-name";
import { OTHER_RELATIONSHIP, type StatusTone } from "./graph-styles";

export type DuplicatesMode = "show" | "collapse";

export interface ElementsView {
  /** Relationships to draw; null draws all of them. */
  rel: readonly string[] | null;
  dup: DuplicatesMode;
  highlighted: ReadonlySet<NodeKey>;
  /** Extra classes by node key or link id (what a live re-read changed). */
  marks?: ReadonlyMap<string, readonly string[]>;
}

export type NodeKind = "case" | "incident" | "page" | "agent" | "unknown";

const KIND_BY_TYPE: Readonly<Record<string, NodeKind>> = {
  CASE: "case",
  INCIDENT: "incident",
  PAGE: "page",
  AGENT_CONVERSATION: "agent",
};

const TONE_BY_STATUS: Readonly<Record<string, StatusTone>> = {
  OPEN: "open",
  IN_PROGRESS: "progress",
  CLOSED: "closed",
  ACTIVE: "active",
  STABLE: "stable",
  RESOLVED: "resolved",
};

const TITLE_MAX = 38;
export const DUP_GROUP_PREFIX = "dup:";

export function statusTone(status: string | undefined): StatusTone {
  return (status && TONE_BY_STATUS[status.toUpperCase()]) || "unknown";
}

/** 1 for P1 or SEV-1 (most urgent) .. 5; 0 when there is none. */
export function priorityRank(priority: string | undefined): number {
  const match = priority?.match(/^(?:P|SEV-?)([1-5])$/i);
  return match?.[1] ? Number(match[1]) : 0;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** First line: key and priority badge; second line: the title, cut to stay readable. */
export function nodeLabel(node: GraphNode): string {
  const label = node.label;
  const key = nodeName(node);
  const priority =
    label?.priority && label.priority !== "NOT_DEFINED" ? ` · ${label.priority}` : "";
  const title = label?.title ? `\n${truncate(label.title, TITLE_MAX)}` : "";
  return `${key}${priority}${title}`;
}

function nodeClasses(node: GraphNode, snapshot: GraphSnapshot, highlighted: ReadonlySet<NodeKey>) {
  const classes: string[] = [];
  const tone = statusTone(node.label?.status);
  if (node.key === snapshot.rootKey) classes.push("root");
  if (tone === "closed" || tone === "resolved") classes.push("closed");
  const statuses = [node.labelStatus, node.linksStatus];
  if (statuses.includes("error")) classes.push("failed");
  else if (statuses.includes("pending")) classes.push("pending");
  if (node.frontier) classes.push("frontier");
  if (highlighted.size > 0) classes.push(highlighted.has(node.key) ? "highlighted" : "faded");
  return classes;
}

/** Union-find over DUPLICATES links: member key -> id of its compound parent. */
function duplicateGroups(snapshot: GraphSnapshot): Map<NodeKey, string> {
  const up = new Map<NodeKey, NodeKey>();
  const find = (key: NodeKey): NodeKey => {
    let current = key;
    for (let next = up.get(current); next && next !== current; next = up.get(current)) {
      current = next;
    }
    up.set(key, current);
    return current;
  };
  const duplicates = new Set<NodeKey>();
  for (const edge of snapshot.edges) {
    if (edge.relationship !== "DUPLICATES") continue;
    if (!snapshot.nodes.has(edge.source) || !snapshot.nodes.has(edge.target)) continue;
    if (edge.source === edge.target) continue;
    duplicates.add(edge.source);
    up.set(find(edge.source), find(edge.target));
  }
  const members = new Map<NodeKey, NodeKey[]>();
  for (const key of up.keys()) {
    const rootOfSet = find(key);
    members.set(rootOfSet, [...(members.get(rootOfSet) ?? []), key]);
  }
  const groupOf = new Map<NodeKey, string>();
  for (const keys of members.values()) {
    const canonical = canonicalKey(keys, duplicates, snapshot);
    for (const key of keys) groupOf.set(key, `${DUP_GROUP_PREFIX}${canonical}`);
  }
  return groupOf;
}

/** The graph root if present, else an original (duplicates nothing), nearest the root first. */
function canonicalKey(keys: NodeKey[], duplicates: ReadonlySet<NodeKey>, snapshot: GraphSnapshot) {
  if (keys.includes(snapshot.rootKey)) return snapshot.rootKey;
  const hop = (key: NodeKey) => snapshot.nodes.get(key)?.hop ?? Number.POSITIVE_INFINITY;
  const ranked = [...keys].sort(
    (a, b) =>
      Number(duplicates.has(a)) - Number(duplicates.has(b)) ||
      hop(a) - hop(b) ||
      (a < b ? -1 : a > b ? 1 : 0),
  );
  return ranked[0] ?? keys[0] ?? "";
}

/**
 * Turns a snapshot into cytoscape element definitions. Ids are stable (node id = NodeKey, edge
 * id = link id) so the canvas can diff; every data key is always present so a diff can compare.
 */
export function toElements(snapshot: GraphSnapshot, view: ElementsView): ElementDefinition[] {
  const groupOf = view.dup === "collapse" ? duplicateGroups(snapshot) : new Map<NodeKey, string>();
  const groups: ElementDefinition[] = [];
  const nodes: ElementDefinition[] = [];
  const edges: ElementDefinition[] = [];
  const highlightOn = view.highlighted.size > 0;

  const groupSizes = new Map<string, number>();
  for (const groupId of groupOf.values()) {
    groupSizes.set(groupId, (groupSizes.get(groupId) ?? 0) + 1);
  }
  for (const [groupId, size] of groupSizes) {
    const canonical = groupId.slice(DUP_GROUP_PREFIX.length);
    const name = snapshot.nodes.get(canonical)?.label?.key ?? canonical;
    groups.push({
      group: "nodes",
      data: {
        id: groupId,
        label: `${name} and ${size - 1} duplicate(s)`,
        kind: "dup-group",
        canonical,
      },
      classes: "dup-group",
    });
  }

  for (const node of snapshot.nodes.values()) {
    const data: Record<string, string | number> = {
      id: node.key,
      label: nodeLabel(node),
      type: node.type,
      kind: KIND_BY_TYPE[node.type] ?? "unknown",
      status: node.label?.status ?? "",
      tone: statusTone(node.label?.status),
      priority: node.label?.priority ?? "",
      rank: priorityRank(node.label?.priority),
      hop: node.hop,
    };
    const parent = groupOf.get(node.key);
    if (parent) data.parent = parent;
    nodes.push({
      group: "nodes",
      data,
      classes: [
        ...nodeClasses(node, snapshot, view.highlighted),
        ...(view.marks?.get(node.key) ?? []),
      ].join(" "),
    });
  }

  const shown = view.rel ? new Set(view.rel) : null;
  const edgeIds = new Set<string>();
  for (const edge of snapshot.edges) {
    if (shown && !shown.has(edge.relationship)) continue;
    if (!snapshot.nodes.has(edge.source) || !snapshot.nodes.has(edge.target)) continue;
    if (edgeIds.has(edge.id)) continue;
    // Inside a collapsed cluster the compound box already says "these are duplicates".
    const group = groupOf.get(edge.source);
    if (edge.relationship === "DUPLICATES" && group && group === groupOf.get(edge.target)) continue;
    edgeIds.add(edge.id);
    const lit = view.highlighted.has(edge.source) && view.highlighted.has(edge.target);
    edges.push({
      group: "edges",
      data: {
        id: edge.id,
        source: edge.source,
        target: edge.target,
        relationship: edge.relationship,
        rel: isKnownRelationship(edge.relationship) ? edge.relationship : OTHER_RELATIONSHIP,
      },
      classes: [
        highlightOn ? (lit ? "highlighted" : "faded") : "",
        ...(view.marks?.get(edge.id) ?? []),
      ]
        .join(" ")
        .trim(),
    });
  }

  // Compound parents first: cytoscape needs a parent to exist before its children arrive.
  return [...groups, ...nodes, ...edges];
}
