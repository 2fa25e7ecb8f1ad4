import { Router } from "express";
import { type EntityRef, LOOKUPS_PATH } from "../contract";
import { badRequest } from "../errors";
import { requestContext } from "../http/request-context";
import type { LookupServices } from "../services/answer-lookup";
import { describeIssue, lookupsSchema } from "./lookup-schemas";
import { methodNotAllowed } from "./method-not-allowed";
import { streamAnswers, toLookupItems } from "./ndjson-answers";
import { onlyParams } from "./validate-params";

/** Room for a few `TYPE:uuid` items: this form is for a page's first lookups, not a graph. */
const MAX_LIST_LENGTH = 1000;

function refList(name: string, value: unknown): Array<Partial<EntityRef>> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw badRequest(`${name} must be given once, as a plain value.`);
  if (value.length > MAX_LIST_LENGTH) {
    throw badRequest(`${name} is too long (at most ${MAX_LIST_LENGTH} characters).`);
  }
  return value.split(",").map((item, i) => {
    const colon = item.indexOf(":");
    if (colon < 0) throw badRequest(`${name}.${i}: must be TYPE:id, like CASE:<uuid>.`);
    return { type: item.slice(0, colon) as EntityRef["type"], id: item.slice(colon + 1) };
  });
}

/**
 * `GET /api/lookups?links=CASE:<uuid>&entities=CASE:<uuid>`: the batch's lookups in a form a
 * `<link rel="preload">` can fetch, so a case page's first lookups leave before its script runs.
 */
export function lookupsGetRouter(services: LookupServices): Router {
  const router = Router();
  router
    .route(LOOKUPS_PATH)
    .get(async (req, res) => {
      const query = req.query as Record<string, unknown>;
      onlyParams(query, ["links", "entities"]);
      const lookups: Record<string, unknown> = {};
      const links = refList("links", query.links);
      const entities = refList("entities", query.entities);
      if (links) lookups.links = links;
      if (entities) lookups.entities = entities;
      const parsed = lookupsSchema.safeParse(lookups);
      if (!parsed.success) throw badRequest(describeIssue(parsed.error, "query"));
      const ctx = requestContext(req, res, { honourNoCache: true });
      await streamAnswers(res, services, toLookupItems(parsed.data), ctx);
    })
    .all(methodNotAllowed("GET"));
  return router;
}
