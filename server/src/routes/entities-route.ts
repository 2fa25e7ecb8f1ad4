import { Router } from "express";
import type { EntityResponse } from "../contract";
import { requestContext } from "../http/request-context";
import type { EntityService } from "../services/entity-service";
import { methodNotAllowed } from "./method-not-allowed";
import { caseIdParam, entityTypeParam, onlyParams, uuidParam } from "./validate-params";

export function entitiesRouter(entities: EntityService): Router {
  const router = Router();
  router
    .route("/api/entities/:type/:id")
    .get(async (req, res) => {
      onlyParams(req.query as Record<string, unknown>, []);
      const type = entityTypeParam("type", req.params.type);
      const id =
        type === "CASE" ? caseIdParam("id", req.params.id) : uuidParam("id", req.params.id);
      const answer = await entities.labelOf(
        type,
        id,
        requestContext(req, res, { honourNoCache: false }),
      );
      const body: EntityResponse = { data: answer.value };
      if (answer.stale) body.meta = answer.stale;
      res.json(body);
    })
    .all(methodNotAllowed("GET"));
  return router;
}
