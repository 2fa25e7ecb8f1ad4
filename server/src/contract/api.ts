import type { EntityType, Relationship } from "./entities";

/** One link as the BFF returns it: the upstream's snake_case JSON:API shape. */
export interface LinkAttributes {
  parent_entity_id: string;
  parent_entity_type: EntityType | (string & {});
  child_entity_id: string;
  child_entity_type: EntityType | (string & {});
  relationship: Relationship;
}

export interface Link {
  id: string;
  type: "link";
  attributes: LinkAttributes;
}

/**
 * On an answer (or batch line) that is the last good one, kept because refetching it from
 * Datadog failed: the UI can say "as of 10:42".
 */
export interface StaleMeta {
  stale: true;
  /** ISO time of the last good read. */
  as_of: string;
}

/** `GET /api/links` */
export interface LinksResponse {
  data: Link[];
  meta?: Partial<StaleMeta> & { upstream_paged?: true };
}

/** The label of one graph node. */
export interface EntityLabel {
  type: EntityType;
  id: string;
  key?: string;
  title?: string;
  /** Cases: OPEN, IN_PROGRESS, CLOSED. Incidents: active, stable, resolved. */
  status?: string;
  /** Cases: NOT_DEFINED, P1..P5. Incidents: the severity, e.g. SEV-1. */
  priority?: string;
  assignee?: string;
  /** When the entity was opened in Datadog (ISO 8601), where Datadog says. */
  created_at?: string;
  /** Where a person opens this entity in the Datadog web app. */
  url?: string;
}

/** `GET /api/entities/:type/:id` */
export interface EntityResponse {
  data: EntityLabel;
  meta?: StaleMeta;
}

export interface EntityRef {
  type: EntityType;
  id: string;
}

/**
 * `POST /api/batch` body: many lookups in one request. The answer is NDJSON, one
 * `BatchLine` per requested item, written as each arrives (not in request order).
 */
export interface BatchRequest {
  links?: EntityRef[];
  entities?: EntityRef[];
}

export type BatchLine =
  | { kind: "links"; type: EntityType; id: string; data: Link[]; meta?: StaleMeta; pushed?: true }
  | {
      kind: "entity";
      type: EntityType;
      id: string;
      data: EntityLabel;
      meta?: StaleMeta;
      /** On the lookup socket: read ahead and sent unasked (see `AheadRef`). */
      pushed?: true;
    }
  | { kind: "links" | "entity"; type: EntityType; id: string; error: ApiErrorDetail };

export const BATCH_MAX_ITEMS = 500;

/**
 * The lookup socket (WebSocket upgrade) and its GET form: `GET /api/lookups?links=TYPE:id,…
 * &entities=TYPE:id,…` answers NDJSON lines like the batch.
 */
export const LOOKUPS_PATH = "/api/lookups";

/**
 * Where a case page's HTML leaves the lookup socket it opened before the app's JS ran:
 * `{ url, socket, messages }` (the socket, the URL it was opened on, and any messages it
 * received before the app took it over). The app adopts it instead of opening its own.
 */
export const EARLY_LOOKUP_SOCKET_GLOBAL = "__casegraphLookupSocket";

/**
 * The first lookups of a case page (the root's links and label) as one GET: the page's HTML
 * preloads exactly this URL and the client's first lookup fetches it, so the browser answers
 * that fetch from the preload.
 */
export function rootLookupsPath(caseUuid: string): string {
  const ref = `CASE:${caseUuid.toLowerCase()}`;
  return `${LOOKUPS_PATH}?links=${ref}&entities=${ref}`;
}

/**
 * One message on the lookup socket, client to server: a `BatchRequest` plus `fresh` (read past
 * the server's cache, as Refresh asks). The server answers each lookup with a `BatchLine` the
 * moment it is ready; a frame holds one or more of them as NDJSON lines (answers ready together
 * share a frame). A message it cannot read is answered with an `ApiErrorBody` line.
 */
export interface LookupMessage extends Omit<BatchRequest, "links"> {
  links?: AheadRef[];
  fresh?: boolean;
  /** The most entities the page shows (its `cap`): the server reads ahead no more than that. */
  cap?: number;
}

/**
 * A links lookup on the socket, with how many hops past this entity the page shows (`ahead`,
 * its depth less the entity's hop). The server then reads the neighbours' links and labels
 * before the page asks, that many hops out, and sends each answer on the socket unasked (a
 * line like any other): the page pays the browser round trip once, not once per hop.
 */
export interface AheadRef extends EntityRef {
  ahead?: number;
}

/** The most hops the server reads ahead of a page (the URL's largest depth). */
export const READ_AHEAD_MAX_HOPS = 10;
/** The largest `cap` a page may declare (the URL's largest). */
export const READ_AHEAD_MAX_CAP = 10_000;

/** Largest socket message, as the batch body: a larger one closes the socket (1009). */
export const LOOKUP_MESSAGE_MAX_BYTES = 64 * 1024;

/** Lookups one socket may have unanswered; past it they are answered 429 at once. */
export const LOOKUP_SOCKET_MAX_IN_FLIGHT = 2000;

export interface DemoRoot {
  id: string;
  key: string;
  title: string;
}

/** `GET /api/config` */
export interface ConfigResponse {
  mode: "live" | "demo";
  site: string;
  /** Base URL of the Datadog web app for this site, e.g. https://app.datadoghq.com */
  app_url: string;
  /** How people are known: nobody (`none`), signed in with Datadog, or named by an SSO proxy. */
  auth: "none" | "datadog" | "proxy";
  demo?: { roots: DemoRoot[] };
  /** `short`: snapshot links are kept by the server (`/snapshot/<id>`); `fragment`: in the link. */
  snapshots: "short" | "fragment";
}

/** The most characters of an encoded snapshot `POST /api/snapshots` keeps. */
export const STORED_SNAPSHOT_MAX_CHARS = 200_000;

/** `POST /api/snapshots` body: the same encoded graph the fragment form carries. */
export interface StoreSnapshotBody {
  snapshot: string;
}

/** `POST /api/snapshots` answer; `GET /api/snapshots/<id>` answers `StoreSnapshotBody`. */
export interface StoredSnapshotResponse {
  id: string;
}

/** `GET /api/session`: who is signed in, for the header. Never a token. */
export interface SessionResponse {
  mode: "none" | "datadog" | "proxy";
  user?: { id: string; name?: string; email?: string };
  /** Datadog mode: where the browser goes to sign in (add `?return_to=<path>`). */
  sign_in_url?: string;
}

export type ErrorCode =
  | "bad_request"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "payload_too_large"
  | "request_timeout"
  | "unsupported_media_type"
  | "rate_limited"
  | "misdirected_request"
  | "server_busy"
  | "store_unavailable"
  | "upstream_error"
  | "upstream_rate_limited"
  | "upstream_timeout"
  | "upstream_unauthorized"
  | "internal_error"
  | "unauthenticated"
  | "forbidden";

export interface ApiErrorDetail {
  status: number;
  code: ErrorCode;
  message: string;
  /** In batch lines only, where there is no Retry-After header per item: seconds to wait. */
  retry_after_s?: number;
}

/** Every error the BFF answers, on every route. */
export interface ApiErrorBody {
  error: ApiErrorDetail;
}
