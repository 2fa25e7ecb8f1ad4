import { type ReactNode, useId } from "react";
import { LAYOUT_NAMES, type LayoutName } from "../../../lib/layout-names";
import { MAX_DEPTH, MIN_DEPTH, type ViewState } from "../../../lib/url-state";
import "./toolbar.css";

export type ExportKind = "png" | "json" | "mermaid" | "dot";

interface ToolbarProps {
  view: ViewState;
  onViewChange: (change: Partial<ViewState>) => void;
  search: ReactNode;
  onFit: () => void;
  /** Null where there is nothing to re-read: a snapshot shows the graph as it was. */
  onRefresh: (() => void) | null;
  onCopyLink: () => void;
  copied: boolean;
  onExport: (kind: ExportKind) => void;
}

const LAYOUT_LABELS: Record<LayoutName, string> = {
  layered: "Layered (top to bottom)",
  force: "Force-directed",
  concentric: "Rings by hops",
};

const SNAPSHOT_REFRESH_NOTE =
  "A snapshot shows the graph as it was; open the live case to refresh.";

export function Toolbar({
  view,
  onViewChange,
  search,
  onFit,
  onRefresh,
  onCopyLink,
  copied,
  onExport,
}: ToolbarProps) {
  const depthId = useId();
  const layoutId = useId();
  const exportId = useId();
  const refreshNoteId = useId();
  return (
    <div className="toolbar" role="toolbar" aria-label="Graph controls">
      {search}
      <label htmlFor={depthId}>Depth</label>
      <select
        id={depthId}
        value={view.depth}
        onChange={(e) => onViewChange({ depth: Number(e.target.value) })}
      >
        {Array.from({ length: MAX_DEPTH - MIN_DEPTH + 1 }, (_, i) => MIN_DEPTH + i).map((d) => (
          <option key={d} value={d}>
            {d} {d === 1 ? "hop" : "hops"}
          </option>
        ))}
      </select>
      <label htmlFor={layoutId}>Layout</label>
      <select
        id={layoutId}
        value={view.layout}
        onChange={(e) => onViewChange({ layout: e.target.value as LayoutName })}
      >
        {LAYOUT_NAMES.map((name) => (
          <option key={name} value={name}>
            {LAYOUT_LABELS[name]}
          </option>
        ))}
      </select>
      <button
        type="button"
        aria-pressed={view.dup === "collapse"}
        onClick={() => onViewChange({ dup: view.dup === "collapse" ? "show" : "collapse" })}
      >
        Group duplicates
      </button>
      <fieldset className="toolbar__group">
        <legend className="visually-hidden">View</legend>
        <button
          type="button"
          aria-pressed={view.view === "graph"}
          onClick={() => onViewChange({ view: "graph" })}
        >
          Graph
        </button>
        <button
          type="button"
          aria-pressed={view.view === "table"}
          onClick={() => onViewChange({ view: "table" })}
        >
          Table
        </button>
      </fieldset>
      <button type="button" onClick={onFit} disabled={view.view !== "graph"}>
        Fit
      </button>
      <button
        type="button"
        onClick={onRefresh ?? undefined}
        disabled={onRefresh === null}
        title={onRefresh === null ? SNAPSHOT_REFRESH_NOTE : undefined}
        aria-describedby={onRefresh === null ? refreshNoteId : undefined}
      >
        Refresh
      </button>
      {onRefresh === null && (
        <span id={refreshNoteId} className="visually-hidden">
          {SNAPSHOT_REFRESH_NOTE}
        </span>
      )}
      <button type="button" onClick={onCopyLink}>
        {copied ? "Link copied" : "Copy link"}
      </button>
      <label htmlFor={exportId} className="visually-hidden">
        Export
      </label>
      <select
        id={exportId}
        value=""
        onChange={(e) => {
          if (e.target.value) onExport(e.target.value as ExportKind);
        }}
      >
        <option value="">Export…</option>
        <option value="png" disabled={view.view !== "graph"}>
          PNG image
        </option>
        <option value="json">JSON</option>
        <option value="mermaid">Mermaid</option>
        <option value="dot">Graphviz DOT</option>
      </select>
    </div>
  );
}
