import { isEntityType, isKnownRelationship } from "../contract";
import { caseDocument, errorBodies, incidentDocument } from "./datadog-documents";
import type { Knobs } from "./knobs";
import { JSON_API, jsonReply, PLAIN_JSON, type Reply } from "./reply";
import type { ScenarioIndex } from "./scenario-index";
import { canSeeCase, hasScope, type Viewer, visibleLinks } from "./visibility";

/** A request matched to one of the Datadog endpoints the simulator serves. */
export interface DatadogRoute {
  /** X-RateLimit-Name, one window per endpoint family. */
  rateLimitName: string;
  /** The OAuth scope a person's token needs here. */
  scope: string;
  entityId?: string;
  /** Ids and keys a per-entity fault may be registered under. */
  faultKeys: string[];
  /** Content type of this endpoint's answers. */
  contentType: string;
  /** The 404 this endpoint sends, for the `not_found` fault. */
  notFound: Reply;
  answer(knobs: Knobs): Reply;
}

const CASE_PATH = /^\/api\/v2\/cases\/([^/]+)$/;
const INCIDENT_PATH = /^\/api\/v2\/incidents\/([^/]+)$/;

/** Finds the endpoint for a GET, or undefined for anything the simulator does not serve. */
export function matchDatadogRoute(
  method: string,
  path: string,
  query: URLSearchParams,
  index: ScenarioIndex,
  viewer: Viewer,
): DatadogRoute | undefined {
  if (method !== "GET") return undefined;
  const route = matchPath(path, query, index, viewer);
  if (route === undefined || hasScope(viewer, route.scope)) return route;
  // A person's token without the endpoint's scope: Datadog answers 403.
  const forbidden = jsonReply(403, errorBodies.forbidden, route.contentType);
  return { ...route, answer: () => forbidden };
}

function matchPath(
  path: string,
  query: URLSearchParams,
  index: ScenarioIndex,
  viewer: Viewer,
): DatadogRoute | undefined {
  if (path === "/api/v2/cases/link") return linksRoute(query, index, viewer);
  const caseId = CASE_PATH.exec(path)?.[1];
  if (caseId !== undefined) return caseRoute(decodeSegment(caseId), index, viewer);
  const incidentId = INCIDENT_PATH.exec(path)?.[1];
  if (incidentId !== undefined) return incidentRoute(decodeSegment(incidentId), index);
  return undefined;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function linksRoute(query: URLSearchParams, index: ScenarioIndex, viewer: Viewer): DatadogRoute {
  const entityType = query.get("entity_type");
  const entityId = query.get("entity_id");
  const relationship = query.get("relationship");
  const notFound = jsonReply(404, errorBodies.entityNotFound, JSON_API);
  const found = entityType === "CASE" && entityId !== null ? index.findCase(entityId) : undefined;
  const caseKey = found?.key;
  const hidden = found !== undefined && !canSeeCase(viewer, found);
  return {
    rateLimitName: "cases_link_read",
    scope: "cases_read",
    ...(entityId ? { entityId } : {}),
    faultKeys: [entityId, caseKey].filter((key): key is string => Boolean(key)),
    contentType: JSON_API,
    notFound,
    answer(knobs) {
      const problem = linkQueryProblem(entityType, entityId, relationship);
      if (problem !== undefined) return jsonReply(400, errorBodies.badRequest(problem), JSON_API);
      // A case this person may not read is answered as one that does not exist.
      if (hidden) return notFound;
      const links = index.linksOf(entityType ?? "", entityId ?? "", relationship ?? undefined);
      if (links === undefined && knobs.unknownEntityLinks === "not_found") return notFound;
      const data = visibleLinks(viewer, links ?? [], (id) => index.findCase(id));
      return jsonReply(200, { data }, JSON_API);
    },
  };
}

function linkQueryProblem(
  entityType: string | null,
  entityId: string | null,
  relationship: string | null,
): string | undefined {
  if (entityType === null || entityType === "") return "missing required parameter entity_type";
  if (!isEntityType(entityType)) return `invalid value for parameter entity_type: ${entityType}`;
  if (entityId === null || entityId.trim() === "") return "missing required parameter entity_id";
  if (relationship !== null && !isKnownRelationship(relationship)) {
    return `invalid value for parameter relationship: ${relationship}`;
  }
  return undefined;
}

function caseRoute(idOrKey: string, index: ScenarioIndex, viewer: Viewer): DatadogRoute {
  const any = index.findCase(idOrKey);
  const found = any !== undefined && canSeeCase(viewer, any) ? any : undefined;
  const notFound = jsonReply(404, errorBodies.caseNotFound, JSON_API);
  return {
    rateLimitName: "cases_read",
    scope: "cases_read",
    entityId: idOrKey,
    faultKeys: found === undefined ? [idOrKey] : [idOrKey, found.id, found.key],
    contentType: JSON_API,
    notFound,
    answer: () =>
      found === undefined ? notFound : jsonReply(200, caseDocument(found, index), JSON_API),
  };
}

function incidentRoute(id: string, index: ScenarioIndex): DatadogRoute {
  const found = index.findIncident(id);
  const notFound = jsonReply(404, errorBodies.notFound, PLAIN_JSON);
  return {
    rateLimitName: "incidents_read",
    scope: "incident_read",
    entityId: id,
    faultKeys: [id],
    contentType: PLAIN_JSON,
    notFound,
    answer: () =>
      found === undefined ? notFound : jsonReply(200, incidentDocument(found), PLAIN_JSON),
  };
}
