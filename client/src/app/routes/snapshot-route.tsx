import { useEffect } from "react";
import { Link, useParams } from "react-router";
import type { DecodeResult } from "../../features/snapshot/snapshot-codec";
import { useFrozenGraph, useStoredFrozenGraph } from "../../features/snapshot/use-frozen-graph";
import { CaseWorkspace } from "./case-workspace";

/** `/snapshot#snapshot=…`: the graph a snapshot link carries, frozen, with no lookup at all. */
export function SnapshotRoute() {
  const decoded = useFrozenGraph();
  return (
    <FrozenSnapshot decoded={decoded ?? { ok: false, reason: "This link carries no snapshot." }} />
  );
}

/** `/snapshot/<id>`: a snapshot the server keeps, shown like the fragment form once read. */
export function StoredSnapshotRoute() {
  const { id = "" } = useParams();
  const decoded = useStoredFrozenGraph(id);
  if (decoded === undefined) {
    return (
      <main className="page page--centered" aria-busy="true">
        <p role="status">Opening the snapshot…</p>
      </main>
    );
  }
  return <FrozenSnapshot decoded={decoded} />;
}

function FrozenSnapshot({ decoded }: { decoded: DecodeResult }) {
  const reason = decoded.ok ? null : decoded.reason;
  useEffect(() => {
    if (reason) document.title = "Snapshot unreadable · casegraph";
  }, [reason]);
  if (decoded.ok) {
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
