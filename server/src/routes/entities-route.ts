import { Router } from "express";
import type { EntityResponse } from "../contract";
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
      const body: EntityResponse = {
        data: await entities.labelOf(type, id, {
          ...(req.principal ? { principal: req.principal } : {}),
        }),
      };
      res.json(body);
    })
    .all(methodNotAllowed("GET"));
  return router;
}
