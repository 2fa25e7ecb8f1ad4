import type { GraphEdge, GraphNode, GraphSnapshot } from "../../../lib/graph-types";

/** A small postmortem-sized graph with every kind of awkward label, for the export tests. */
export function incidentGraph(): GraphSnapshot {
  const nodes: GraphNode[] = [
    caseNode("a", 0, "PAY-101", 'Checkout "pay" button fails', "OPEN", "P1"),
    caseNode("b", 1, "PAY-102", "DB pool [primary] exhausted\nsecond line", "IN_PROGRESS", "P2"),
    caseNode("c", 1, "PAY-103", "Latency <500ms> regression & co", "CLOSED", "P3"),
    caseNode("d", 2, "PAY-104", "Duplicate of 101", "OPEN", "P4"),
    {
      key: "INCIDENT:inc-1",
      type: "INCIDENT",
      id: "inc-1",
      hop: 1,
      labelStatus: "done",
      label: {
        type: "INCIDENT",
        id: "inc-1",
        key: "IR-7",
        title: "Payments outage",
        status: "resolved",
      },
      frontier: false,
    },
    {
      key: "PAGE:pg-12345678-9",
      type: "PAGE",
      id: "pg-12345678-9",
      hop: 2,
      labelStatus: "pending",
      frontier: true,
    },
  ];
  const edges: GraphEdge[] = [
    link("l1", "CASE:b", "CASE:a", "BLOCKS"),
    link("l2", "INCIDENT:inc-1", "CASE:a", "CAUSES"),
    link("l3", "CASE:d", "CASE:a", "DUPLICATES"),
    link("l4", "CASE:c", "CASE:a", "RELATES_TO"),
    link("l5", "PAGE:pg-12345678-9", "CASE:b", "ESCALATES_TO"),
  ];
  return {
    rootKey: "CASE:a",
    nodes: new Map(nodes.map((node) => [node.key, node])),
    edges,
    incomplete: true,
  };
}

function caseNode(
  id: string,
  hop: number,
  key: string,
  title: string,
  status: string,
  priority: string,
): GraphNode {
  return {
    key: `CASE:${id}`,
    type: "CASE",
    id,
    hop,
    labelStatus: "done",
    label: { type: "CASE", id, key, title, status, priority },
    frontier: false,
  };
}

function link(id: string, source: string, target: string, relationship: string): GraphEdge {
  return { id, source, target, relationship };
}
