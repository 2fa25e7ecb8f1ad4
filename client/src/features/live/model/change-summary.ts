import type { GraphNode, GraphSnapshot, NodeKey } from "../../../lib/graph-types";
import { entityNameOf } from "../../../lib/graph-vocabulary";
import { diffSnapshots } from "./snapshot-diff";

/**
 * An entity a line names. One still in the graph can be selected; one that left it carries its
 * name as the earlier reading had it, since the graph on screen no longer knows it.
 */
export type ChangeEntity = { key: NodeKey; gone?: undefined } | { key: NodeKey; gone: string };

/** One line of "since you opened this": text with the entities it names. */
export interface ChangeItem {
  id: string;
  parts: (string | ChangeEntity)[];
}

export interface SummaryInput {
  since: GraphSnapshot;
  now: GraphSnapshot;
  /** Open blockers of the root in each reading (the Insights analysis). */
  blockersSince: readonly NodeKey[];
  blockersNow: readonly NodeKey[];
  isClosed(node: GraphNode | undefined): boolean;
  /** Entities and links (by key or link id) that appeared because the person asked (Expand). */
  ignore?: ReadonlySet<string>;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Names what moved between two readings, blockers first: what an incident channel asks about. */
export function summariseChanges(input: SummaryInput): ChangeItem[] {
  const { since, now } = input;
  const diff = diffSnapshots(since, now);
  const ignore = input.ignore ?? new Set<string>();
  const asked = (key: string) => ignore.has(key);
  const wasBlocker = new Set(input.blockersSince);
  const isBlocker = new Set(input.blockersNow);
  const items: ChangeItem[] = [];
  const list = (id: string, lead: string, entities: readonly ChangeEntity[]) => {
    if (entities.length === 0) return;
    items.push({ id, parts: [`${lead} (`, ...joined(entities), ")"] });
  };
  // Still in the graph: selectable; gone from it: named as the earlier reading knew it.
  const named = (keys: readonly NodeKey[]) =>
    keys.map(
      (key): ChangeEntity =>
        now.nodes.has(key) ? { key } : { key, gone: entityNameOf(key, since.nodes.get(key)) },
    );

  const gone = input.blockersSince.filter((key) => !isBlocker.has(key));
  const closed = gone.filter((key) => input.isClosed(now.nodes.get(key)));
  const cut = gone.filter((key) => !input.isClosed(now.nodes.get(key)));
  list("closed", plural(closed.length, "blocker closed", "blockers closed"), named(closed));
  const fresh = input.blockersNow.filter((key) => !wasBlocker.has(key) && !asked(key));
  list("new-blockers", plural(fresh.length, "new blocker", "new blockers"), named(fresh));
  list(
    "unlinked",
    plural(cut.length, "blocker no longer blocks", "blockers no longer block"),
    named(cut),
  );

  const mentioned = new Set([...closed, ...fresh, ...cut]);
  for (const change of diff.changed) {
    if (change.field !== "priority" && change.field !== "status") continue;
    if (change.field === "status" && mentioned.has(change.key)) continue;
    if (change.to === undefined) continue;
    items.push({
      id: `${change.field}:${change.key}`,
      parts: [{ key: change.key }, ` is now ${readable(change.field, change.to)}`],
    });
  }
  const added = diff.addedNodes.filter((key) => !mentioned.has(key) && !asked(key));
  const addedEdges = diff.addedEdges.filter((edge) => !asked(edge.id));
  list("added", plural(added.length, "new entity", "new entities"), named(added));
  // A blocker that left the graph is already listed as no longer blocking.
  const removed = diff.removedNodes.filter((key) => !mentioned.has(key));
  list(
    "removed",
    plural(removed.length, "entity no longer linked", "entities no longer linked"),
    named(removed),
  );
  const links = [
    addedEdges.length > 0 ? plural(addedEdges.length, "link added", "links added") : "",
    diff.removedEdges.length > 0
      ? plural(diff.removedEdges.length, "link removed", "links removed")
      : "",
  ].filter((text) => text !== "");
  if (links.length > 0) items.push({ id: "links", parts: [links.join(", ")] });
  return items;
}

/** Statuses come as IN_PROGRESS and read as "in progress"; priorities (P1, SEV-2) stay as sent. */
function readable(field: "status" | "priority", value: string): string {
  return field === "status" ? value.toLowerCase().replaceAll("_", " ") : value;
}

function joined(entities: readonly ChangeEntity[]): (string | ChangeEntity)[] {
  const parts: (string | ChangeEntity)[] = [];
  entities.forEach((entity, i) => {
    if (i > 0) parts.push(", ");
    parts.push(entity);
  });
  return parts;
}
