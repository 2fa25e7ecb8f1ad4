import {
  STORED_SNAPSHOT_MAX_CHARS,
  type StoredSnapshotResponse,
  type StoreSnapshotBody,
} from "@casegraph/server/contract";
import { getJson, postJson, type RequestOptions } from "../../lib/api-client";
import type { GraphSnapshot } from "../../lib/graph-types";
import { encodeSnapshot, MAX_SNAPSHOT_CHARS, SNAPSHOT_PATH, snapshotUrl } from "./snapshot-codec";

export type SharedSnapshot =
  | { ok: true; url: string; form: "short" | "fragment"; notice: string }
  | { ok: false; notice: string };

export interface ShareOptions extends RequestOptions {
  location: { origin: string; search: string };
  /** `short` when the server keeps snapshots (`/api/config`'s `snapshots`). */
  form: "short" | "fragment";
}

/**
 * The link "Copy snapshot link" copies: a short `/snapshot/<id>` the server keeps when it can,
 * else the graph in the fragment. The server not answering is never a failure: the fragment
 * form needs nothing from it, and the notice says which form was made.
 */
export async function shareSnapshot(
  snapshot: GraphSnapshot,
  asOf: Date,
  options: ShareOptions,
): Promise<SharedSnapshot> {
  const { location, form } = options;
  if (form === "short") {
    const encoded = encodeSnapshot(snapshot, asOf);
    if (encoded.length <= STORED_SNAPSHOT_MAX_CHARS) {
      try {
        const body: StoreSnapshotBody = { snapshot: encoded };
        const { id } = await postJson<StoredSnapshotResponse>("/api/snapshots", body, options);
        return {
          ok: true,
          form: "short",
          url: `${location.origin}${SNAPSHOT_PATH}/${encodeURIComponent(id)}${location.search}`,
          notice: "Snapshot link copied",
        };
      } catch {
        // Falls through to the fragment form below, which the server plays no part in.
      }
    }
  }
  const made = snapshotUrl(location, snapshot, asOf);
  if (made.url === null) {
    return {
      ok: false,
      notice: `This graph is too large for a snapshot link${form === "short" ? " and the server could not keep it" : ""} (${made.chars.toLocaleString()} characters, the limit is ${MAX_SNAPSHOT_CHARS.toLocaleString()}). Export it as JSON instead.`,
    };
  }
  return {
    ok: true,
    form: "fragment",
    url: made.url,
    notice:
      form === "short"
        ? "Snapshot link copied. The server could not keep it, so the graph is in the link itself."
        : "Snapshot link copied",
  };
}

/** The encoded graph a short snapshot link names, as the server keeps it. */
export async function readStoredSnapshot(id: string, options: RequestOptions = {}) {
  const { snapshot } = await getJson<StoreSnapshotBody>(
    `/api/snapshots/${encodeURIComponent(id)}`,
    options,
  );
  return snapshot;
}
