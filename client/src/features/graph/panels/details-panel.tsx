import type { GraphNode, GraphSnapshot, NodeKey } from "../../../lib/graph-types";
import { entityName, typeWord } from "../../../lib/graph-vocabulary";
import "./details-panel.css";

interface DetailsPanelProps {
  node: GraphNode;
  snapshot: GraphSnapshot;
  isRoot: boolean;
  onSelect: (key: NodeKey) => void;
  onExpand: (key: NodeKey) => void;
  onMakeRoot: (node: GraphNode) => void;
  onRetry: (key: NodeKey) => void;
  onClose: () => void;
}

export function DetailsPanel(props: DetailsPanelProps) {
  const { node, snapshot, isRoot } = props;
  const outgoing = snapshot.edges.filter((e) => e.source === node.key);
  const incoming = snapshot.edges.filter((e) => e.target === node.key);
  const other = (key: NodeKey) => snapshot.nodes.get(key);
  const failed = node.linksStatus === "error" || node.labelStatus === "error";
  const label = node.label;

  const linkItem = (key: NodeKey, relationship: string, id: string, direction: "in" | "out") => {
    const n = other(key);
    return (
      <li key={`${id}-${direction}`}>
        {direction === "out" ? (
          <>
            <span className="details__rel">{relationship}</span>{" "}
          </>
        ) : null}
        <button type="button" className="details__node" onClick={() => props.onSelect(key)}>
          {n ? entityName(n) : key}
        </button>
        {direction === "in" ? (
          <>
            {" "}
            <span className="details__rel">{relationship}</span> this
          </>
        ) : null}
        {n?.label?.title ? <span className="details__title"> {n.label.title}</span> : null}
      </li>
    );
  };

  return (
    <section className="details" aria-label="Details">
      <header className="details__header">
        <h2>
          {entityName(node)}
          {isRoot && <span className="details__badge">root</span>}
        </h2>
        <button type="button" onClick={props.onClose} aria-label="Close details">
          ×
        </button>
      </header>
      <p className="details__heading-title">
        {label?.title ?? (node.labelStatus === "pending" ? "Loading…" : "")}
      </p>
      <dl className="details__facts">
        <dt>Type</dt>
        <dd>{typeWord(node.type)}</dd>
        <dt>Status</dt>
        <dd>{label?.status ?? "unknown"}</dd>
        <dt>Priority</dt>
        <dd>{label?.priority ?? "unknown"}</dd>
        {label?.assignee && (
          <>
            <dt>Assignee</dt>
            <dd>{label.assignee}</dd>
          </>
        )}
        <dt>Hops from root</dt>
        <dd>{node.hop}</dd>
        <dt>Id</dt>
        <dd className="details__id">{node.id}</dd>
      </dl>
      {failed && (
        <div className="details__error" role="alert">
          <p>
            {node.linksError?.message ??
              node.labelError?.message ??
              "A lookup for this entity failed."}
          </p>
          <button type="button" onClick={() => props.onRetry(node.key)}>
            Retry
          </button>
        </div>
      )}
      <div className="details__actions">
        {label?.url && (
          <a href={label.url} target="_blank" rel="noreferrer noopener">
            Open in Datadog
          </a>
        )}
        <button type="button" onClick={() => props.onExpand(node.key)} disabled={!node.frontier}>
          Expand
        </button>
        {node.type === "CASE" && !isRoot && (
          <button type="button" onClick={() => props.onMakeRoot(node)}>
            Make root
          </button>
        )}
      </div>
      <h3>Links out ({outgoing.length})</h3>
      {outgoing.length === 0 ? (
        <p className="details__none">None shown.</p>
      ) : (
        <ul className="details__links">
          {outgoing.map((e) => linkItem(e.target, e.relationship, e.id, "out"))}
        </ul>
      )}
      <h3>Links in ({incoming.length})</h3>
      {incoming.length === 0 ? (
        <p className="details__none">None shown.</p>
      ) : (
        <ul className="details__links">
          {incoming.map((e) => linkItem(e.source, e.relationship, e.id, "in"))}
        </ul>
      )}
      {node.frontier && (
        <p className="details__none">
          This entity has more links beyond the current depth: Expand shows them.
        </p>
      )}
    </section>
  );
}
