import type { ElementDefinition } from "cytoscape";
import type { GraphNode, GraphSnapshot, NodeKey } from "../../../lib/graph-types";
import {
  clusterCaption,
  collapseDuplicates,
  duplicatesCount,
  entityLook,
  entityName,
  entityTitle,
  isClosed,
  nodeLabel,
  priorityRank,
  relationshipShown,
  STATUS_MARKS,
  statusTone,
  styledRelationship,
} from "../../../lib/graph-vocabulary";
import { mapSteps, stepKey } from "./highlight-steps";

export type DuplicatesMode = "show" | "collapse";

export interface ElementsView {
  /** Relationships to draw; null draws all of them. */
  rel: readonly string[] | null;
  dup: DuplicatesMode;
  highlighted: ReadonlySet<NodeKey>;
  /**
   * The links the highlight runs along (highlight-steps.ts); without it, every link between two
   * highlighted nodes is lit.
   */
  highlightedSteps?: ReadonlySet<string>;
  /** Extra classes by node key or link id (what a live re-read changed). */
  marks?: ReadonlyMap<string, readonly string[]>;
}

function failedLookup(node: GraphNode): boolean {
  return node.labelStatus === "error" || node.linksStatus === "error";
}

function nodeClasses(node: GraphNode, rootKey: NodeKey, lit: boolean | null, cluster: boolean) {
  const classes: string[] = [];
  if (node.key === rootKey) classes.push("root");
  if (isClosed(node)) classes.push("closed");
  const statuses = [node.labelStatus, node.linksStatus];
  if (statuses.includes("error")) classes.push("failed");
  else if (statuses.includes("pending")) classes.push("pending");
  if (node.frontier) classes.push("frontier");
  if (cluster) classes.push("cluster");
  if (lit !== null) classes.push(lit ? "highlighted" : "faded");
  return classes;
}

/** What a label adds under the headline: how many duplicates or blockers past the depth wait. */
function labelNote(node: GraphNode, duplicates: number): string | undefined {
  if (duplicates > 0) return duplicatesCount(duplicates);
  return node.upstreamBeyond ? `+${node.upstreamBeyond} upstream` : undefined;
}

/** The full name and title, for the tooltip a label may be too short to hold. */
function fullTitle(node: GraphNode, duplicates: number): string {
  const name = duplicates > 0 ? clusterCaption(entityName(node), duplicates) : entityName(node);
  const title = entityTitle(node);
  const status = node.label?.status ? ` (${STATUS_MARKS[statusTone(node.label.status)].word})` : "";
  return `${name}${status}${title ? `: ${title}` : ""}`;
}

/**
 * Turns a snapshot into cytoscape element definitions. Ids are stable (node id = NodeKey, edge
 * id = link id) so the canvas can diff; every data key is always present so a diff can compare.
 * Grouping duplicates draws each cluster as its original, so the node keeps its place.
 */
export function toElements(snapshot: GraphSnapshot, view: ElementsView): ElementDefinition[] {
  const collapsed = view.dup === "collapse" ? collapseDuplicates(snapshot) : null;
  const graph = collapsed?.snapshot ?? snapshot;
  const shownKey = (key: NodeKey) => collapsed?.originalOf.get(key) ?? key;
  const highlighted = new Set([...view.highlighted].map(shownKey));
  const highlightOn = highlighted.size > 0;
  // Steps name the entities themselves; grouped duplicates draw them as their original.
  const steps =
    view.highlightedSteps && collapsed
      ? mapSteps(view.highlightedSteps, shownKey)
      : view.highlightedSteps;

  const nodes: ElementDefinition[] = [];
  for (const node of graph.nodes.values()) {
    const duplicates = collapsed?.duplicateCount.get(node.key) ?? 0;
    const tone = statusTone(node.label?.status);
    nodes.push({
      group: "nodes",
      data: {
        id: node.key,
        label: nodeLabel(node, failedLookup(node), labelNote(node, duplicates)),
        title: fullTitle(node, duplicates),
        type: node.type,
        kind: entityLook(node.type).kind,
        status: node.label?.status ?? "",
        tone,
        priority: node.label?.priority ?? "",
        rank: priorityRank(node.label?.priority),
        hop: node.hop,
        duplicates,
      },
      classes: [
        ...nodeClasses(
          node,
          graph.rootKey,
          highlightOn ? highlighted.has(node.key) : null,
          duplicates > 0,
        ),
        ...(view.marks?.get(node.key) ?? []),
      ].join(" "),
    });
  }

  const edges: ElementDefinition[] = [];
  const edgeIds = new Set<string>();
  for (const edge of graph.edges) {
    if (!relationshipShown(edge.relationship, view.rel)) continue;
    if (!graph.nodes.has(edge.source) || !graph.nodes.has(edge.target)) continue;
    if (edgeIds.has(edge.id)) continue;
    edgeIds.add(edge.id);
    const lit = steps
      ? steps.has(stepKey(edge.relationship, edge.source, edge.target))
      : highlighted.has(edge.source) && highlighted.has(edge.target);
    edges.push({
      group: "edges",
      data: {
        id: edge.id,
        source: edge.source,
        target: edge.target,
        relationship: edge.relationship,
        rel: styledRelationship(edge.relationship),
      },
      classes: [
        highlightOn ? (lit ? "highlighted" : "faded") : "",
        ...(view.marks?.get(edge.id) ?? []),
      ]
        .join(" ")
        .trim(),
    });
  }
  return [...nodes, ...edges];
}
