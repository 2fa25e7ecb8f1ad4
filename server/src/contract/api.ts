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

/** `GET /api/links` */
export interface LinksResponse {
  data: Link[];
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
  /** Where a person opens this entity in the Datadog web app. */
  url?: string;
}

/** `GET /api/entities/:type/:id` */
export interface EntityResponse {
  data: EntityLabel;
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
  | { kind: "links"; type: EntityType; id: string; data: Link[] }
  | { kind: "entity"; type: EntityType; id: string; data: EntityLabel }
  | { kind: "links" | "entity"; type: EntityType; id: string; error: ApiErrorDetail };

export const BATCH_MAX_ITEMS = 500;

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
  | "not_found"
  | "method_not_allowed"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
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
