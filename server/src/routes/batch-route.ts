import { Router } from "express";
import { badRequest } from "../errors";
import { requestContext } from "../http/request-context";
import type { LookupServices } from "../services/answer-lookup";
import { jsonBody } from "./json-body";
import { describeIssue, lookupsSchema } from "./lookup-schemas";
import { methodNotAllowed } from "./method-not-allowed";
import { streamAnswers, toLookupItems } from "./ndjson-answers";

/**
 * Many lookups in one request, answered as NDJSON lines in the order they finish: a browser
 * holds about six connections per host, so one request per entity would cap a graph's speed.
 */
export function batchRouter(services: LookupServices): Router {
  const router = Router();
  router
    .route("/api/batch")
    .post(...jsonBody("batch", "64kb"), async (req, res) => {
      const parsed = lookupsSchema.safeParse(req.body);
      if (!parsed.success) throw badRequest(describeIssue(parsed.error, "body"));
      // `Cache-Control: no-cache`: a person pressed Refresh, go back to Datadog.
      const ctx = requestContext(req, res, { honourNoCache: true });
      await streamAnswers(res, services, toLookupItems(parsed.data), ctx);
    })
    .all(methodNotAllowed("POST"));
  return router;
}
