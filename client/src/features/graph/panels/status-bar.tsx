interface StatusBarProps {
  entities: number;
  links: number;
  pending: number;
  failed: number;
  leftOut: number;
}

export function StatusBar({ entities, links, pending, failed, leftOut }: StatusBarProps) {
  return (
    <footer className="status-bar">
      <span role="status">
        {entities} {entities === 1 ? "entity" : "entities"} · {links}{" "}
        {links === 1 ? "link" : "links"}
      </span>
      {pending > 0 && <span className="status-bar__pending">Loading {pending} lookups…</span>}
      {failed > 0 && <span className="status-bar__failed">{failed} failed</span>}
      {leftOut > 0 && <span className="status-bar__failed">{leftOut} not shown (cap)</span>}
    </footer>
  );
}
