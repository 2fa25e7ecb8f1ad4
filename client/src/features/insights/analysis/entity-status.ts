import type { GraphNode } from "../../../lib/graph-types";

/** How the analyses see a node: a closed or resolved entity no longer blocks anything. */
export type Openness = "open" | "closed" | "unknown";

// Cases close as CLOSED; incidents (and pages carrying an incident-like state) as resolved.
const CLOSED_STATUSES = new Set(["CLOSED", "RESOLVED"]);

export function isClosedStatus(status: string): boolean {
  return CLOSED_STATUSES.has(status.trim().toUpperCase());
}

/**
 * `unknown` when the label has not arrived (pending or failed) or carries no status; the
 * analyses treat unknown as open and report it, so a missing label never hides a blocker.
 */
export function opennessOf(node: GraphNode | undefined): Openness {
  const status = node?.label?.status;
  if (status === undefined || status.trim() === "") return "unknown";
  return isClosedStatus(status) ? "closed" : "open";
}
