import { useMemo } from "react";
import type { GraphSnapshot, NodeKey } from "../../lib/graph-types";
import { entityNameOf } from "../../lib/graph-vocabulary";
import { whatIfClosed } from "./analysis/what-if";

/** With a blocker selected: what closing it would unblock, before anyone closes it. */
export function WhatIfNote({
  snapshot,
  selected,
  onSelect,
}: {
  snapshot: GraphSnapshot;
  selected: NodeKey | null;
  onSelect: (key: NodeKey) => void;
}) {
  const answer = useMemo(
    () => (selected ? whatIfClosed(snapshot, selected) : undefined),
    [snapshot, selected],
  );
  if (!answer) return null;
  const name = (key: NodeKey) => entityNameOf(key, snapshot.nodes.get(key));
  const names = (keys: NodeKey[]) =>
    keys.map((key, i) => (
      <span key={key}>
        {i > 0 && ", "}
        <button type="button" className="insights-entity" onClick={() => onSelect(key)}>
          <span className="insights-entity__name">{name(key)}</span>
        </button>
      </span>
    ));
  const rootName = name(snapshot.rootKey);
  return (
    <section className="insights-what-if" aria-label="What if it were closed">
      <h3 className="insights-panel__section-title">If {name(answer.key)} were closed</h3>
      {answer.unblocked.length > 0 && <p>It would unblock {names(answer.unblocked)}.</p>}
      {answer.noLongerBlocking.length > 0 && (
        <p>
          {names(answer.noLongerBlocking)} would no longer block {rootName}.
        </p>
      )}
      <p>
        {answer.remaining === 0
          ? `Nothing would block ${rootName} any more.`
          : `${answer.remaining} open ${answer.remaining === 1 ? "blocker" : "blockers"} of ${rootName} would remain.`}
      </p>
    </section>
  );
}
