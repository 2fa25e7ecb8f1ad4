import { Router } from "express";
import type { LinksResponse } from "../contract";
import { requestContext } from "../http/request-context";
import { createJsonMemo } from "../http/send-json-memo";
import type { LinkService } from "../services/link-service";
import type { LinksAnswer } from "../upstream/datadog-client";
import { methodNotAllowed } from "./method-not-allowed";
import { entityTypeParam, onlyParams, relationshipParam, uuidParam } from "./validate-params";

export function linksRouter(links: LinkService): Router {
  const router = Router();
  const sendAll = createJsonMemo<LinksAnswer>();
  router
    .route("/api/links")
    .get(async (req, res) => {
      const query = req.query as Record<string, unknown>;
      onlyParams(query, ["entity_type", "entity_id", "relationship"]);
      const type = entityTypeParam("entity_type", query.entity_type);
      const id = uuidParam("entity_id", query.entity_id);
      const relationship = relationshipParam("relationship", query.relationship);
      const { value: answer, stale } = await links.linksOf(
        type,
        id,
        requestContext(req, res, { honourNoCache: false }),
      );
      const bodyOf = (data: LinksResponse["data"]) => {
        const body: LinksResponse = { data };
        // The upstream's paging members are not passed on (they are its own URLs); the log
        // has them, and the answer says it may be partial.
        if (answer.paging || stale) {
          body.meta = { ...(answer.paging ? { upstream_paged: true } : {}), ...stale };
        }
        return body;
      };
      if (!relationship && !stale) {
        sendAll(req, res, answer, () => bodyOf(answer.links));
        return;
      }
      // The filter is applied here, over the cached answer, so it costs no extra upstream call.
      const shown = relationship
        ? answer.links.filter((l) => l.attributes.relationship === relationship)
        : answer.links;
      res.json(bodyOf(shown));
    })
    .all(methodNotAllowed("GET"));
  return router;
}
