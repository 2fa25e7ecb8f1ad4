import { useEffect } from "react";
import { Link } from "react-router";
import { useFrozenGraph } from "../../features/snapshot/use-frozen-graph";
import { CaseWorkspace } from "./case-workspace";

/** `/snapshot#snapshot=…`: the graph a snapshot link carries, frozen, with no lookup at all. */
export function SnapshotRoute() {
  const decoded = useFrozenGraph();
  const reason =
    decoded === null ? "This link carries no snapshot." : decoded.ok ? null : decoded.reason;
  useEffect(() => {
    if (reason) document.title = "Snapshot unreadable · casegraph";
  }, [reason]);
  if (decoded?.ok) {
    const { rootKey } = decoded.frozen.snapshot;
    const rootId = rootKey.slice(rootKey.indexOf(":") + 1);
    return <CaseWorkspace key={rootKey} rootId={rootId} frozen={decoded.frozen} />;
  }
  return (
    <main className="page page--centered">
      <h1>Snapshot unreadable</h1>
      <p>{reason} Ask for the link again, or open the live graph of the case.</p>
      <p>
        <Link to="/">Open a case</Link>
      </p>
    </main>
  );
}
