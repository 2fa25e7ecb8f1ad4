import { useState } from "react";
import type { GraphSnapshot } from "../../lib/graph-types";
import { shareSnapshot } from "./share-snapshot";
import "./snapshot.css";

export interface SnapshotLinkButtonProps {
  snapshot: GraphSnapshot;
  /** When the graph on screen was read. */
  asOf: number | null;
  /** `short` when the server keeps snapshots (`/api/config`), else the graph goes in the link. */
  form: "short" | "fragment";
}

/**
 * "Copy snapshot link": the graph as it is now, for the postmortem. A short link the server
 * keeps when it has Redis, the graph in the link itself otherwise.
 */
export function SnapshotLinkButton({ snapshot, asOf, form }: SnapshotLinkButtonProps) {
  const [message, setMessage] = useState<string | null>(null);
  const copy = async () => {
    const shared = await shareSnapshot(snapshot, new Date(asOf ?? Date.now()), {
      location: window.location,
      form,
    });
    if (!shared.ok) {
      setMessage(shared.notice);
      return;
    }
    try {
      await navigator.clipboard.writeText(shared.url);
      setMessage(shared.notice);
    } catch {
      window.prompt("Copy this snapshot link", shared.url);
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
