import type { ExpansionStats } from "../../features/graph/model/expansion";
import type { GraphSnapshot } from "../../lib/graph-types";
import { MAX_CAP, missingSelectedNotice } from "../../lib/url-state";

interface GraphNoticesProps {
  demo: boolean;
  urlNotices: string[];
  /** The relationship filter of the URL, checked against what the graph holds once it settled. */
  rel: readonly string[] | null;
  present: ReadonlySet<string>;
  /** The entity id `selected=` names, checked against the graph once it settled. */
  selected: string | null;
  /** Every lookup has answered (a snapshot link is settled from the start). */
  settled: boolean;
  stats: ExpansionStats;
  snapshot: GraphSnapshot;
  cap: number;
  onRetryAll: () => void;
  /** Absent when the cap is already at its maximum. */
  onRaiseCap: (() => void) | undefined;
}

const REASONS: Record<string, string> = {
  upstream_rate_limited: "Datadog is rate limiting lookups",
  upstream_timeout: "Datadog did not answer in time",
  upstream_error: "Datadog failed to answer",
  upstream_unauthorized: "Datadog refused casegraph's keys",
  network_error: "the casegraph server could not be reached",
  rate_limited: "too many requests from this browser",
};

/** Why the graph may not be the whole truth: failures, the cap, bad URL values, demo data. */
export function GraphNotices({
  demo,
  urlNotices,
  rel,
  present,
  selected,
  settled,
  stats,
  snapshot,
  cap,
  onRetryAll,
  onRaiseCap,
}: GraphNoticesProps) {
  const reasons = new Set<string>();
  for (const node of snapshot.nodes.values()) {
    const error = node.linksError ?? node.labelError;
    if (error && (node.linksStatus === "error" || node.labelStatus === "error")) {
      reasons.add(REASONS[error.code] ?? error.message);
    }
  }
  // While lookups are pending a relationship may still arrive; say nothing until then.
  const absent = stats.pending > 0 ? [] : (rel ?? []).filter((r) => !present.has(r));
  // Entity ids have no one format (cases, incidents and future types differ), so a printable id
  // of sane length is only known to be wrong once the graph has settled: before that the entity
  // may still stream in, and saying "not in the graph" would be false for a moment.
  // A failed lookup may be the one that would have brought it: then nothing can be said.
  const selectedMissing =
    selected !== null &&
    settled &&
    stats.failed === 0 &&
    ![...snapshot.nodes.values()].some((n) => n.id === selected);
  return (
    <div className="notices">
      {demo && (
        <p className="banner banner--demo" role="note">
          Demo data: this graph comes from casegraph's built-in simulated incident, not from your
          Datadog org.
        </p>
      )}
      {urlNotices.length > 0 && (
        <div className="banner banner--warning" role="status">
          {urlNotices.map((notice) => (
            <p key={notice} style={{ margin: 0 }}>
              {notice}
            </p>
          ))}
        </div>
      )}
      {selectedMissing && (
        <p className="banner banner--warning" role="status">
          {missingSelectedNotice(selected)}
        </p>
      )}
      {absent.length > 0 && (
        <p className="banner banner--warning" role="status">
          {absent.length === 1
            ? `No relationship ${absent[0]} in this graph`
            : `No relationships ${absent.join(", ")} in this graph`}
          : the filter shows no links of {absent.length === 1 ? "that type" : "those types"}.
        </p>
      )}
      {stats.failed > 0 && (
        <p className="banner banner--warning" role="alert">
          The graph is incomplete: {stats.failed} {stats.failed === 1 ? "lookup" : "lookups"} failed
          ({[...reasons].join("; ")}). Failed entities are marked.
          <button type="button" onClick={onRetryAll}>
            Retry failed
          </button>
        </p>
      )}
      {stats.leftOut > 0 && (
        <p className="banner banner--warning" role="status">
          {stats.leftOut} more {stats.leftOut === 1 ? "entity is" : "entities are"} linked but not
          shown: the graph stops at {cap} entities.
          {onRaiseCap ? (
            <button type="button" onClick={onRaiseCap}>
              Show up to {Math.min(cap * 2, MAX_CAP)}
            </button>
          ) : (
            ` That is the most casegraph shows; open one of the entities at its edge as the root.`
          )}
        </p>
      )}
    </div>
  );
}
