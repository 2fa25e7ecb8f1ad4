interface StatusBarProps {
  entities: number;
  links: number;
  pending: number;
  failed: number;
  leftOut: number;
  /** With duplicates grouped: how many there are before grouping. */
  ungrouped?: { entities: number; links: number } | undefined;
}

function counted(entities: number, links: number): string {
  return `${entities} ${entities === 1 ? "entity" : "entities"} · ${links} ${links === 1 ? "link" : "links"}`;
}

export function StatusBar({
  entities,
  links,
  pending,
  failed,
  leftOut,
  ungrouped,
}: StatusBarProps) {
  return (
    <footer className="status-bar">
      <span role="status">{counted(entities, links)}</span>
      {ungrouped && (
        <span className="status-bar__grouped">
          ({counted(ungrouped.entities, ungrouped.links)} before grouping duplicates)
        </span>
      )}
      {pending > 0 && <span className="status-bar__pending">Loading {pending} lookups…</span>}
      {failed > 0 && <span className="status-bar__failed">{failed} failed</span>}
      {leftOut > 0 && <span className="status-bar__failed">{leftOut} not shown (cap)</span>}
    </footer>
  );
}
