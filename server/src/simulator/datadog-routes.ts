import { isEntityType, isKnownRelationship } from "../contract";
import { caseDocument, errorBodies, incidentDocument } from "./datadog-documents";
import type { Knobs } from "./knobs";
import { JSON_API, jsonReply, PLAIN_JSON, type Reply } from "./reply";
import type { ScenarioIndex } from "./scenario-index";

/** A request matched to one of the Datadog endpoints the simulator serves. */
export interface DatadogRoute {
  /** X-RateLimit-Name, one window per endpoint family. */
  rateLimitName: string;
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
): DatadogRoute | undefined {
  if (method !== "GET") return undefined;
  if (path === "/api/v2/cases/link") return linksRoute(query, index);
  const caseId = CASE_PATH.exec(path)?.[1];
  if (caseId !== undefined) return caseRoute(decodeSegment(caseId), index);
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

function linksRoute(query: URLSearchParams, index: ScenarioIndex): DatadogRoute {
  const entityType = query.get("entity_type");
  const entityId = query.get("entity_id");
  const relationship = query.get("relationship");
  const notFound = jsonReply(404, errorBodies.entityNotFound, JSON_API);
  const caseKey =
    entityType === "CASE" && entityId !== null ? index.findCase(entityId)?.key : undefined;
  return {
    rateLimitName: "cases_link_read",
    ...(entityId ? { entityId } : {}),
    faultKeys: [entityId, caseKey].filter((key): key is string => Boolean(key)),
    contentType: JSON_API,
    notFound,
    answer(knobs) {
      const problem = linkQueryProblem(entityType, entityId, relationship);
      if (problem !== undefined) return jsonReply(400, errorBodies.badRequest(problem), JSON_API);
      const links = index.linksOf(entityType ?? "", entityId ?? "", relationship ?? undefined);
      if (links === undefined && knobs.unknownEntityLinks === "not_found") return notFound;
      return jsonReply(200, { data: links ?? [] }, JSON_API);
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

function caseRoute(idOrKey: string, index: ScenarioIndex): DatadogRoute {
  const found = index.findCase(idOrKey);
  const notFound = jsonReply(404, errorBodies.caseNotFound, JSON_API);
  return {
    rateLimitName: "cases_read",
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
    entityId: id,
    faultKeys: [id],
    contentType: PLAIN_JSON,
    notFound,
    answer: () =>
      found === undefined ? notFound : jsonReply(200, incidentDocument(found), PLAIN_JSON),
  };
}
