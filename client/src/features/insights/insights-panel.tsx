import { type ReactNode, useId } from "react";
import type { GraphNode, NodeKey } from "../../lib/graph-types";
import { entityNameOf, entityTitle } from "../../lib/graph-vocabulary";
import type { Insights } from "./analysis/analyze";
import type { Cycle, CycleRelationship } from "./analysis/cycles";
import "./insights-panel.css";

export type HighlightKind = "critical-path" | "cycle";

export interface Highlight {
  kind: HighlightKind;
  keys: readonly NodeKey[];
  /** The links the chain runs along: BLOCKS for the critical path, the cycle's own for a cycle. */
  relationship: CycleRelationship;
}

export interface InsightsPanelProps {
  insights: Insights;
  nodes: ReadonlyMap<NodeKey, GraphNode>;
  onSelect: (key: NodeKey) => void;
  /** `null` clears the highlight. */
  onHighlight: (highlight: Highlight | null) => void;
  highlighted?: Highlight | null;
  /** Extra facts shown beside each open blocker (assignee, status, how long open). */
  blockerFacts?: (key: NodeKey) => ReactNode;
  /** Actions on the clear order (copy as a checklist). */
  clearOrderActions?: ReactNode;
  /** Entries read past the depth: marked, with a Show action that brings them onto the graph. */
  beyond?: BeyondDepth;
}

export interface BeyondDepth {
  depth: number;
  keys: ReadonlySet<NodeKey>;
  onShow: (key: NodeKey) => void;
}

/** The dependency insights about the root, as lists of cases one click away on the graph. */
export function InsightsPanel({
  insights,
  nodes,
  onSelect,
  onHighlight,
  highlighted = null,
  blockerFacts,
  clearOrderActions,
  beyond,
}: InsightsPanelProps) {
  const rootName = entityNameOf(insights.rootKey, nodes.get(insights.rootKey));
  const { blockers, criticalPath, clearOrder, cycles, rootCauses, duplicates } = insights;
  const item = (key: NodeKey) => (
    <>
      <EntityButton entityKey={key} node={nodes.get(key)} onSelect={onSelect} />
      {beyond?.keys.has(key) && (
        <span className="insights-beyond">
          beyond depth {beyond.depth}{" "}
          <button
            type="button"
            className="insights-beyond__show"
            aria-label={`Show ${entityNameOf(key, nodes.get(key))} on the graph`}
            onClick={() => beyond.onShow(key)}
          >
            Show
          </button>
        </span>
      )}
    </>
  );
  const isPressed = (kind: HighlightKind, keys: readonly NodeKey[]) =>
    highlighted?.kind === kind && sameKeys(highlighted.keys, keys);
  const toggle = (highlight: Highlight) =>
    onHighlight(isPressed(highlight.kind, highlight.keys) ? null : highlight);
  const unknownCount = insights.unknownStatus.length;
  const direct = new Set(blockers.direct);
  const origins = new Set(rootCauses.origins);

  return (
    <aside aria-label="Insights" className="insights-panel">
      <header className="insights-panel__header">
        <h2 className="insights-panel__title">Insights</h2>
        <p className="insights-panel__headline">
          {blockers.count === 1 ? "1 open blocker" : `${blockers.count} open blockers`}
        </p>
      </header>

      {insights.incomplete && (
        <p className="insights-panel__note">
          Based on an incomplete graph: some lookups are still loading or failed, so there may be
          more.
        </p>
      )}
      {unknownCount > 0 && (
        <p className="insights-panel__note">
          {unknownCount === 1
            ? "1 case has no known status yet and is counted as open."
            : `${unknownCount} cases have no known status yet and are counted as open.`}
        </p>
      )}

      <Section title="Open blockers">
        {blockers.count === 0 ? (
          <Empty>Nothing open blocks {rootName}.</Empty>
        ) : (
          <ul className="insights-panel__list">
            {blockers.open.map((key) => (
              <li key={key} className="insights-panel__item">
                {item(key)}
                {direct.has(key) && <span className="insights-panel__tag">direct</span>}
                {blockerFacts?.(key)}
              </li>
            ))}
          </ul>
        )}
        {blockers.resolved.length + blockers.noLongerBlocking.length > 0 && (
          <>
            <h4 className="insights-panel__subtitle">No longer blocking</h4>
            <ul className="insights-panel__list insights-panel__list--muted">
              {blockers.resolved.map((key) => (
                <li key={key} className="insights-panel__item">
                  {item(key)}
                  <span className="insights-panel__tag">resolved</span>
                </li>
              ))}
              {blockers.noLongerBlocking.map((key) => (
                <li key={key} className="insights-panel__item">
                  {item(key)}
                  <span className="insights-panel__tag">behind a resolved case</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>

      <Section
        title="Critical path"
        action={
          criticalPath.length > 0 && (
            <HighlightToggle
              label="Highlight critical path"
              pressed={isPressed("critical-path", criticalPath)}
              onToggle={() =>
                toggle({ kind: "critical-path", keys: criticalPath, relationship: "BLOCKS" })
              }
            />
          )
        }
      >
        {criticalPath.length === 0 ? (
          <Empty>No chain of open blockers leads to {rootName}.</Empty>
        ) : (
          <ol className="insights-panel__chain">
            {criticalPath.map((key) => (
              <li key={key} className="insights-panel__item">
                {item(key)}
              </li>
            ))}
          </ol>
        )}
      </Section>

      <Section title="Clear in this order" action={clearOrder.length > 0 && clearOrderActions}>
        {clearOrder.length === 0 ? (
          <Empty>Nothing to clear before {rootName}.</Empty>
        ) : (
          <ol className="insights-panel__list insights-panel__list--numbered">
            {clearOrder.map((step, i) => {
              const alongside = i > 0 && clearOrder[i - 1]?.wave === step.wave;
              const hint = alongside && (
                <span className="insights-panel__tag">alongside the previous</span>
              );
              if (step.kind === "case") {
                return (
                  <li key={step.key} className="insights-panel__item">
                    {item(step.key)}
                    {hint}
                  </li>
                );
              }
              return (
                <li
                  key={step.keys.join(" ")}
                  className="insights-panel__item insights-panel__item--deadlock"
                >
                  <span className="insights-panel__deadlock">
                    Deadlock: these block each other; break one link first.
                  </span>
                  <ul className="insights-panel__list">
                    {step.keys.map((key) => (
                      <li key={key}>{item(key)}</li>
                    ))}
                  </ul>
                  {hint}
                </li>
              );
            })}
          </ol>
        )}
      </Section>

      <Section title="Cycles">
        {cycles.length === 0 ? (
          <Empty>No cycles in BLOCKS or CAUSES.</Empty>
        ) : (
          <ul className="insights-panel__list">
            {cycles.map((cycle, i) => (
              <li
                key={`${cycle.relationship} ${cycle.members.join(" ")}`}
                className="insights-panel__cycle"
              >
                <div className="insights-panel__cycle-head">
                  <span className="insights-panel__cycle-title">{cycleTitle(cycle)}</span>
                  <HighlightToggle
                    label={`Highlight ${cycle.deadlock ? "deadlock" : "cycle"} ${i + 1}`}
                    pressed={isPressed("cycle", cycle.path)}
                    onToggle={() =>
                      toggle({ kind: "cycle", keys: cycle.path, relationship: cycle.relationship })
                    }
                  />
                </div>
                <ol className="insights-panel__chain insights-panel__chain--loop">
                  {cycle.path.map((key) => (
                    <li key={key} className="insights-panel__item">
                      {item(key)}
                    </li>
                  ))}
                </ol>
                {cycle.members.length > cycle.path.length && (
                  <p className="insights-panel__aside">
                    {cycle.members.length} cases are caught in this loop.
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Root causes">
        {rootCauses.ancestors.length === 0 ? (
          <Empty>Nothing shown causes {rootName}.</Empty>
        ) : (
          <>
            <h4 className="insights-panel__subtitle">Where it started</h4>
            <ul className="insights-panel__list">
              {rootCauses.origins.map((key) => (
                <li key={key} className="insights-panel__item">
                  {item(key)}
                </li>
              ))}
            </ul>
            {rootCauses.ancestors.length > rootCauses.origins.length && (
              <>
                <h4 className="insights-panel__subtitle">Along the way</h4>
                <ul className="insights-panel__list">
                  {rootCauses.ancestors
                    .filter((key) => !origins.has(key))
                    .map((key) => (
                      <li key={key} className="insights-panel__item">
                        {item(key)}
                      </li>
                    ))}
                </ul>
              </>
            )}
          </>
        )}
      </Section>

      <Section title="Duplicates">
        {duplicates.length === 0 ? (
          <Empty>No duplicates among the cases shown.</Empty>
        ) : (
          <ul className="insights-panel__list">
            {duplicates.map((cluster) => (
              <li key={cluster.original} className="insights-panel__cluster">
                {item(cluster.original)}
                <span className="insights-panel__aside">duplicated by</span>
                <ul className="insights-panel__list insights-panel__list--nested">
                  {cluster.duplicates.map((key) => (
                    <li key={key} className="insights-panel__item">
                      {item(key)}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </aside>
  );
}

function cycleTitle(cycle: Cycle): string {
  if (cycle.relationship === "CAUSES") return "CAUSES cycle";
  return cycle.deadlock ? "Deadlock: BLOCKS cycle" : "BLOCKS cycle, broken by a closed case";
}

function sameKeys(a: readonly NodeKey[], b: readonly NodeKey[]): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i]);
}

function Section({
  title,
  action,
  children,
}: {
  title: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="insights-panel__section">
      <div className="insights-panel__section-head">
        <h3 id={id} className="insights-panel__section-title">
          {title}
        </h3>
        {action}
      </div>
      {children}
    </section>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return <p className="insights-panel__empty">{children}</p>;
}

function EntityButton({
  entityKey,
  node,
  onSelect,
}: {
  entityKey: NodeKey;
  node: GraphNode | undefined;
  onSelect: (key: NodeKey) => void;
}) {
  const title = entityTitle(node);
  return (
    <button type="button" className="insights-entity" onClick={() => onSelect(entityKey)}>
      <span className="insights-entity__name">{entityNameOf(entityKey, node)}</span>
      {title && (
        <>
          {" "}
          <span className="insights-entity__title">{title}</span>
        </>
      )}
    </button>
  );
}

function HighlightToggle({
  label,
  pressed,
  onToggle,
}: {
  label: string;
  pressed: boolean;
  onToggle: () => void;
}) {
  return (
    <button
      type="button"
      className="insights-toggle"
      aria-pressed={pressed}
      aria-label={label}
      onClick={onToggle}
    >
      Highlight
    </button>
  );
}
