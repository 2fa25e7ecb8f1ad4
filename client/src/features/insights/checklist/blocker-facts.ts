import type { GraphNode } from "../../../lib/graph-types";
import { statusWord } from "../../../lib/graph-vocabulary";
import { openFor } from "./open-for";

/** Who has it, where it stands and for how long: what a person needs to chase a blocker. */
export interface BlockerFacts {
  assignee?: string;
  status?: string;
  priority?: string;
  openFor?: string;
}

export function blockerFacts(node: GraphNode | undefined, now: number): BlockerFacts {
  const label = node?.label;
  const facts: BlockerFacts = {};
  if (label?.assignee) facts.assignee = label.assignee;
  if (label?.status) facts.status = statusWord(label.status).toLowerCase();
  if (label?.priority && label.priority !== "NOT_DEFINED") facts.priority = label.priority;
  const open = openFor(label?.created_at, now);
  if (open) facts.openFor = open;
  return facts;
}

/** "Priya Raman · in progress · P1 · open 3 h", or "unassigned · …" when nobody has it. */
export function factsLine(facts: BlockerFacts): string {
  return [
    facts.assignee ?? "unassigned",
    facts.status,
    facts.priority,
    facts.openFor ? `open ${facts.openFor}` : undefined,
  ]
    .filter((part): part is string => part !== undefined)
    .join(" · ");
}
