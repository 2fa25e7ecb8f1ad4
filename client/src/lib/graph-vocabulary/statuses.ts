import type { EntityRef } from "./entities";

/** The fill a status gets, by `data(tone)` on the canvas and in the node key. */
export type StatusTone =
  | "open"
  | "progress"
  | "closed"
  | "active"
  | "stable"
  | "resolved"
  | "unknown";

const TONE_BY_STATUS: Readonly<Record<string, StatusTone>> = {
  OPEN: "open",
  IN_PROGRESS: "progress",
  CLOSED: "closed",
  ACTIVE: "active",
  STABLE: "stable",
  RESOLVED: "resolved",
};

export function statusTone(status: string | undefined): StatusTone {
  return (status && TONE_BY_STATUS[status.trim().toUpperCase()]) || "unknown";
}

// Cases close as CLOSED; incidents (and pages carrying an incident-like state) as resolved.
const CLOSED_TONES: ReadonlySet<StatusTone> = new Set(["closed", "resolved"]);

export function isClosedStatus(status: string | undefined): boolean {
  return CLOSED_TONES.has(statusTone(status));
}

export function isClosed(node: EntityRef): boolean {
  return isClosedStatus(node.label?.status);
}

/** How the analyses see a node: a closed or resolved entity no longer blocks anything. */
export type Openness = "open" | "closed" | "unknown";

/**
 * `unknown` when the label has not arrived (pending or failed) or carries no status; the
 * analyses treat unknown as open and report it, so a missing label never hides a blocker.
 */
export function opennessOf(node: EntityRef | undefined): Openness {
  const status = node?.label?.status;
  if (status === undefined || status.trim() === "") return "unknown";
  return isClosedStatus(status) ? "closed" : "open";
}

/** A status as the page writes it ("In progress" for IN_PROGRESS); empty when there is none. */
export function statusWord(status: string | undefined): string {
  const words = (status ?? "").trim().toLowerCase().replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** 1 for P1 or SEV-1 (most urgent) .. 5; 0 when there is none. */
export function priorityRank(priority: string | undefined): number {
  const match = priority?.match(/^(?:P|SEV-?)([1-5])$/i);
  return match?.[1] ? Number(match[1]) : 0;
}
