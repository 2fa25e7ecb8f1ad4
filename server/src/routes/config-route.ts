import { Router } from "express";
import type { ConfigResponse, DemoRoot } from "../contract";
import { methodNotAllowed } from "./method-not-allowed";

export function configRouter(config: {
  mode: "live" | "demo";
  site: string;
  appUrl: string;
  auth: ConfigResponse["auth"];
  snapshots: ConfigResponse["snapshots"];
  demoRoots?: DemoRoot[];
}): Router {
  const router = Router();
  const body: ConfigResponse = {
    mode: config.mode,
    site: config.site,
    app_url: config.appUrl,
    auth: config.auth,
    snapshots: config.snapshots,
  };
  if (config.mode === "demo") body.demo = { roots: config.demoRoots ?? [] };
  router
    .route("/api/config")
    .get((_req, res) => {
      res.json(body);
    })
    .all(methodNotAllowed("GET"));
  return router;
}
