import { type KeyboardEvent, useId, useMemo, useState } from "react";
import type { GraphSnapshot, NodeKey } from "../../../lib/graph-types";
import { entityName } from "../../../lib/graph-vocabulary";

interface SearchBoxProps {
  snapshot: GraphSnapshot;
  onPick: (key: NodeKey) => void;
}

const MAX_MATCHES = 8;

/** Find a node by key or title; picking one selects and centres it. */
export function SearchBox({ snapshot, onPick }: SearchBoxProps) {
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const listId = useId();
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const found = [];
    for (const node of snapshot.nodes.values()) {
      const haystack = `${entityName(node)} ${node.label?.title ?? ""} ${node.id}`.toLowerCase();
      if (haystack.includes(q)) found.push(node);
      if (found.length >= MAX_MATCHES) break;
    }
    return found;
  }, [query, snapshot]);

  const pick = (key: NodeKey) => {
    onPick(key);
    setQuery("");
    setActive(0);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setActive((a) => Math.min(a + 1, matches.length - 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (event.key === "Enter") {
      const match = matches[active];
      if (match) pick(match.key);
    } else if (event.key === "Escape") {
      setQuery("");
    }
  };

  return (
    <div className="search-box">
      <input
        type="search"
        role="combobox"
        aria-label="Search by key or title"
        aria-expanded={matches.length > 0}
        aria-controls={listId}
        aria-activedescendant={matches[active] ? `${listId}-${active}` : undefined}
        placeholder="Key or title"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {query.trim() !== "" && matches.length === 0 && (
        <p className="search-box__none" role="status">
          No entity matches “{query.trim()}”.
        </p>
      )}
      {matches.length > 0 && (
        <div id={listId} role="listbox" className="search-box__list" aria-label="Matching entities">
          {matches.map((node, i) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard selection is handled by the combobox input
            <div
              key={node.key}
              tabIndex={-1}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className="search-box__option"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(node.key)}
            >
              <strong>{entityName(node)}</strong> {node.label?.title ?? ""}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
