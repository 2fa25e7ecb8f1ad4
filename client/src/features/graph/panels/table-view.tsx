import type { GraphSnapshot, NodeKey } from "../../../lib/graph-types";
import {
  clusterCaption,
  collapseDuplicates,
  entityName,
  entityPriority,
  relationshipShown,
  statusWord,
  typeWord,
} from "../../../lib/graph-vocabulary";
import type { DuplicatesMode } from "../canvas/to-elements";
import "./table-view.css";

interface TableViewProps {
  snapshot: GraphSnapshot;
  rel: readonly string[] | null;
  /** `collapse` lists each duplicate cluster once, as the canvas draws it. */
  dup: DuplicatesMode;
  selected: NodeKey | null;
  onSelect: (key: NodeKey) => void;
}

/** The same graph as two real tables, for keyboards, screen readers and copying into a doc. */
export function TableView({ snapshot: all, rel, dup, selected, onSelect }: TableViewProps) {
  const collapsed = dup === "collapse" ? collapseDuplicates(all) : null;
  const snapshot = collapsed?.snapshot ?? all;
  const nodes = [...snapshot.nodes.values()].sort(
    (a, b) => a.hop - b.hop || entityName(a).localeCompare(entityName(b)),
  );
  const edges = snapshot.edges.filter((e) => relationshipShown(e.relationship, rel));
  const name = (key: NodeKey) => {
    const node = snapshot.nodes.get(key);
    if (!node) return key;
    const duplicates = collapsed?.duplicateCount.get(key) ?? 0;
    return duplicates > 0 ? clusterCaption(entityName(node), duplicates) : entityName(node);
  };
  return (
    <div className="table-view">
      <table className="table-view__table">
        <caption>Entities</caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Title</th>
            <th scope="col">Type</th>
            <th scope="col">Status</th>
            <th scope="col">Priority</th>
            <th scope="col">Hops</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((node) => (
            <tr
              key={node.key}
              aria-selected={
                node.key === (collapsed?.originalOf.get(selected ?? "") ?? selected)
                  ? true
                  : undefined
              }
            >
              <th scope="row">
                <button
                  type="button"
                  className="table-view__link"
                  onClick={() => onSelect(node.key)}
                >
                  {name(node.key)}
                </button>
              </th>
              <td>
                {node.label?.title ?? (node.labelStatus === "error" ? "(label unavailable)" : "")}
              </td>
              <td>{typeWord(node.type)}</td>
              <td>{statusWord(node.label?.status)}</td>
              <td>{entityPriority(node) ?? (node.label ? "None" : "")}</td>
              <td>{node.hop}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="table-view__table">
        <caption>Links</caption>
        <thead>
          <tr>
            <th scope="col">Parent</th>
            <th scope="col">Relationship</th>
            <th scope="col">Child</th>
          </tr>
        </thead>
        <tbody>
          {edges.map((edge) => (
            <tr key={edge.id}>
              <td>{name(edge.source)}</td>
              <td>{edge.relationship}</td>
              <td>{name(edge.target)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
