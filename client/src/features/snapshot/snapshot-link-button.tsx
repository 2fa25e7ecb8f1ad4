import { useState } from "react";
import type { GraphSnapshot } from "../../lib/graph-types";
import { MAX_SNAPSHOT_CHARS, snapshotUrl } from "./snapshot-codec";
import "./snapshot.css";

export interface SnapshotLinkButtonProps {
  snapshot: GraphSnapshot;
  /** When the graph on screen was read. */
  asOf: number | null;
}

/** "Copy snapshot link": the graph as it is now, for the postmortem, in the link itself. */
export function SnapshotLinkButton({ snapshot, asOf }: SnapshotLinkButtonProps) {
  const [message, setMessage] = useState<string | null>(null);
  const copy = async () => {
    const { url, chars } = snapshotUrl(window.location, snapshot, new Date(asOf ?? Date.now()));
    if (url === null) {
      setMessage(
        `This graph is too large for a snapshot link (${chars.toLocaleString()} characters, the limit is ${MAX_SNAPSHOT_CHARS.toLocaleString()}). Export it as JSON instead.`,
      );
      return;
    }
    try {
      await navigator.clipboard.writeText(url);
      setMessage("Snapshot link copied");
    } catch {
      window.prompt("Copy this snapshot link", url);
    }
  };
  return (
    <span className="snapshot-link">
      <button type="button" disabled={asOf === null} onClick={() => void copy()}>
        Copy snapshot link
      </button>
      <span role="status" className="snapshot-link__status">
        {message}
      </span>
    </span>
  );
}
