import type { GraphSnapshot, NodeKey } from "../../../lib/graph-types";
import { entityName, relationshipShown, typeWord } from "../../../lib/graph-vocabulary";
import "./table-view.css";

interface TableViewProps {
  snapshot: GraphSnapshot;
  rel: readonly string[] | null;
  selected: NodeKey | null;
  onSelect: (key: NodeKey) => void;
}

/** The same graph as two real tables, for keyboards, screen readers and copying into a doc. */
export function TableView({ snapshot, rel, selected, onSelect }: TableViewProps) {
  const nodes = [...snapshot.nodes.values()].sort(
    (a, b) => a.hop - b.hop || entityName(a).localeCompare(entityName(b)),
  );
  const edges = snapshot.edges.filter((e) => relationshipShown(e.relationship, rel));
  const name = (key: NodeKey) => {
    const node = snapshot.nodes.get(key);
    return node ? entityName(node) : key;
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
            <tr key={node.key} aria-selected={node.key === selected ? true : undefined}>
              <th scope="row">
                <button
                  type="button"
                  className="table-view__link"
                  onClick={() => onSelect(node.key)}
                >
                  {entityName(node)}
                </button>
              </th>
              <td>
                {node.label?.title ?? (node.labelStatus === "error" ? "(label unavailable)" : "")}
              </td>
              <td>{typeWord(node.type)}</td>
              <td>{node.label?.status ?? ""}</td>
              <td>{node.label?.priority ?? ""}</td>
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
