import { RELATIONSHIPS } from "@casegraph/server/contract";
import { relationshipStyle } from "../../../lib/graph-vocabulary";
import "./legend-filter.css";

interface LegendFilterProps {
  /** null: every relationship is shown. */
  rel: readonly string[] | null;
  /** Relationship types present in the graph, including ones Datadog added later. */
  present: ReadonlySet<string>;
  onChange: (rel: string[] | null) => void;
}

/** The legend is the relationship filter: each entry explains a line style and toggles it. */
export function LegendFilter({ rel, present, onChange }: LegendFilterProps) {
  const known: string[] = [...RELATIONSHIPS];
  const extra = [...present].filter((r) => !known.includes(r)).sort();
  const all = [...known, ...extra];
  const shown = (r: string) => rel === null || rel.includes(r);

  const toggle = (r: string) => {
    const current = rel ?? all;
    const next = current.includes(r) ? current.filter((x) => x !== r) : [...current, r];
    const everything = all.every((x) => next.includes(x));
    onChange(everything ? null : all.filter((x) => next.includes(x)));
  };

  return (
    <nav className="legend" aria-label="Relationships">
      <h2 className="legend__title">Relationships</h2>
      <ul className="legend__list">
        {all.map((r) => {
          const style = relationshipStyle(r);
          return (
            <li key={r}>
              <button
                type="button"
                className="legend__item"
                aria-pressed={shown(r)}
                title={`${shown(r) ? "Hide" : "Show"} ${r} links`}
                onClick={() => toggle(r)}
              >
                <span
                  aria-hidden="true"
                  className="legend__swatch"
                  style={{
                    borderTopColor: style.color,
                    borderTopStyle: style.line,
                    borderTopWidth: `${Math.max(2, style.width)}px`,
                  }}
                />
                <span className="legend__arrow" aria-hidden="true">
                  {style.arrow ? "▶" : ""}
                </span>
                <span className="legend__name">{r}</span>
                {!present.has(r) && <span className="legend__absent"> (none)</span>}
              </button>
            </li>
          );
        })}
      </ul>
      <div className="legend__presets">
        <button type="button" onClick={() => onChange(null)} disabled={rel === null}>
          All
        </button>
        <button type="button" onClick={() => onChange(["BLOCKS", "CAUSES", "DUPLICATES"])}>
          Blocks, causes, duplicates
        </button>
      </div>
    </nav>
  );
}
