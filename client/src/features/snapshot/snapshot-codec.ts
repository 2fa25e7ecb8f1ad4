import type { EntityLabel, EntityType } from "@casegraph/server/contract";
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from "lz-string";
import type { GraphEdge, GraphNode, GraphSnapshot } from "../../lib/graph-types";
import { nodeKey } from "../../lib/graph-types";

/**
 * The most characters a snapshot may take in the URL fragment. Chat tools and ticket systems
 * cut or refuse longer links well before browsers do; 16,000 characters hold a graph of a few
 * hundred entities. Past it, Copy snapshot link says so instead of producing a broken link.
 */
export const MAX_SNAPSHOT_CHARS = 16_000;
export const SNAPSHOT_PARAM = "snapshot";

/** A graph as it was at one moment, as carried by a snapshot link. */
export interface FrozenGraph {
  snapshot: GraphSnapshot;
  /** When it was read (ISO 8601). */
  asOf: string;
}

// Short keys and index-based links: the fragment is the whole budget.
type LabelRow = Partial<Record<"k" | "t" | "s" | "p" | "a" | "u" | "c", string>>;
type NodeRow = [type: string, id: string, hop: number, frontier: 0 | 1, label: LabelRow | 0];
type EdgeRow = [source: number, target: number, relationship: string];
interface Payload {
  v: 1;
  at: string;
  r: number;
  i: 0 | 1;
  /** Per entity type, the Datadog address an entity's id is appended to (left out of each row). */
  b?: Record<string, string>;
  n: NodeRow[];
  e: EdgeRow[];
}

const LABEL_FIELDS = [
  ["k", "key"],
  ["t", "title"],
  ["s", "status"],
  ["p", "priority"],
  ["a", "assignee"],
  ["u", "url"],
  ["c", "created_at"],
] as const;

/** The fragment value (after `#snapshot=`) for a graph as it is now. */
export function encodeSnapshot(snapshot: GraphSnapshot, asOf: Date): string {
  const keys = [...snapshot.nodes.keys()];
  const indexOf = new Map(keys.map((key, i) => [key, i]));
  // UUIDs hardly compress: an address that is a common base plus the id is not written twice.
  const b = urlBases(snapshot);
  const n: NodeRow[] = [...snapshot.nodes.values()].map((node) => {
    const row: LabelRow = {};
    for (const [short, long] of LABEL_FIELDS) {
      const value = node.label?.[long];
      if (value) row[short] = value;
    }
    if (row.u !== undefined && row.u === `${b[node.type] ?? ""}${node.id}`) delete row.u;
    return [node.type, node.id, node.hop, node.frontier ? 1 : 0, node.label ? row : 0];
  });
  const e: EdgeRow[] = [];
  for (const edge of snapshot.edges) {
    const source = indexOf.get(edge.source);
    const target = indexOf.get(edge.target);
    if (source !== undefined && target !== undefined) e.push([source, target, edge.relationship]);
  }
  const payload: Payload = {
    v: 1,
    at: asOf.toISOString(),
    r: indexOf.get(snapshot.rootKey) ?? 0,
    i: snapshot.incomplete ? 1 : 0,
    b,
    n,
    e,
  };
  return compressToEncodedURIComponent(JSON.stringify(payload));
}

function urlBases(snapshot: GraphSnapshot): Record<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const node of snapshot.nodes.values()) {
    const url = node.label?.url;
    if (!url?.endsWith(node.id)) continue;
    const base = url.slice(0, url.length - node.id.length);
    const perType = counts.get(node.type) ?? new Map<string, number>();
    perType.set(base, (perType.get(base) ?? 0) + 1);
    counts.set(node.type, perType);
  }
  const bases: Record<string, string> = {};
  for (const [type, perType] of counts) {
    const [best] = [...perType].sort((x, y) => y[1] - x[1]);
    if (best) bases[type] = best[0];
  }
  return bases;
}

export type DecodeResult = { ok: true; frozen: FrozenGraph } | { ok: false; reason: string };

const DAMAGED = "This snapshot link is damaged or cut short";

/** Reads a fragment value back; anything malformed is refused with a reason, never thrown. */
export function decodeSnapshot(encoded: string): DecodeResult {
  if (encoded.length > MAX_SNAPSHOT_CHARS * 2) return { ok: false, reason: `${DAMAGED}.` };
  let payload: unknown;
  try {
    payload = JSON.parse(decompressFromEncodedURIComponent(encoded) ?? "");
  } catch {
    return { ok: false, reason: `${DAMAGED}.` };
  }
  if (!isPayload(payload)) return { ok: false, reason: `${DAMAGED}.` };
  const nodes = new Map<string, GraphNode>();
  const keys: string[] = [];
  for (const [type, id, hop, frontier, row] of payload.n) {
    const key = nodeKey(type, id);
    keys.push(key);
    const node: GraphNode = {
      key,
      type,
      id,
      hop,
      frontier: frontier === 1,
      labelStatus: "done",
      linksStatus: "done",
    };
    if (row !== 0) {
      const label: EntityLabel = { type: type as EntityType, id };
      for (const [short, long] of LABEL_FIELDS) {
        const value = row[short];
        if (typeof value === "string") label[long] = value;
      }
      const base = payload.b?.[type];
      if (label.url === undefined && base !== undefined) label.url = `${base}${id}`;
      node.label = label;
    }
    nodes.set(key, node);
  }
  const edges: GraphEdge[] = [];
  for (const [i, [source, target, relationship]] of payload.e.entries()) {
    const from = keys[source];
    const to = keys[target];
    if (from === undefined || to === undefined) return { ok: false, reason: `${DAMAGED}.` };
    edges.push({ id: `snapshot-link-${i}`, source: from, target: to, relationship });
  }
  const rootKey = keys[payload.r];
  if (rootKey === undefined) return { ok: false, reason: `${DAMAGED}.` };
  return {
    ok: true,
    frozen: { asOf: payload.at, snapshot: { rootKey, nodes, edges, incomplete: payload.i === 1 } },
  };
}

function isPayload(value: unknown): value is Payload {
  if (typeof value !== "object" || value === null) return false;
  const p = value as Record<string, unknown>;
  return (
    p.v === 1 &&
    typeof p.at === "string" &&
    !Number.isNaN(Date.parse(p.at)) &&
    typeof p.r === "number" &&
    (p.b === undefined ||
      (typeof p.b === "object" &&
        p.b !== null &&
        Object.values(p.b).every((v) => typeof v === "string"))) &&
    Array.isArray(p.n) &&
    Array.isArray(p.e) &&
    p.n.every(isNodeRow) &&
    p.e.every(
      (row) =>
        Array.isArray(row) &&
        row.length === 3 &&
        Number.isInteger(row[0]) &&
        Number.isInteger(row[1]) &&
        typeof row[2] === "string",
    )
  );
}

function isNodeRow(row: unknown): boolean {
  if (!Array.isArray(row) || row.length !== 5) return false;
  const [type, id, hop, frontier, label] = row;
  return (
    typeof type === "string" &&
    typeof id === "string" &&
    Number.isInteger(hop) &&
    (frontier === 0 || frontier === 1) &&
    (label === 0 ||
      (typeof label === "object" &&
        label !== null &&
        Object.values(label).every((v) => typeof v === "string")))
  );
}

/** Where snapshot links open; not under /cases/, whose pages the server prepares by reading Datadog. */
export const SNAPSHOT_PATH = "/snapshot";

/**
 * The address of the snapshot: the view parameters of the page with the graph in the fragment,
 * which browsers never send to the server. Null when it would exceed the limit.
 */
export function snapshotUrl(
  location: { origin: string; search: string },
  snapshot: GraphSnapshot,
  asOf: Date,
): { url: string; chars: number } | { url: null; chars: number } {
  const encoded = encodeSnapshot(snapshot, asOf);
  if (encoded.length > MAX_SNAPSHOT_CHARS) return { url: null, chars: encoded.length };
  return {
    url: `${location.origin}${SNAPSHOT_PATH}${location.search}#${SNAPSHOT_PARAM}=${encoded}`,
    chars: encoded.length,
  };
}

/** The fragment value of a snapshot link, or null when the hash holds none. */
export function snapshotFromHash(hash: string): string | null {
  const prefix = `#${SNAPSHOT_PARAM}=`;
  return hash.startsWith(prefix) ? hash.slice(prefix.length) : null;
}
