import { Router } from "express";
import { AppError } from "../errors";
import type { DatadogClient } from "../upstream/datadog-client";

/** An id no case has: asking for its links proves the upstream answers and accepts the keys. */
const PROBE_ID = "00000000-0000-4000-8000-000000000000";
const PROBE_TTL_MS = 10_000;

type Readiness = { ready: true } | { ready: false; reason: string; code: string };

export interface HealthOptions {
  /** With `REDIS_URL`: whether replicas can share right now (never a reason to be unready). */
  redis?: () => "ok" | "degraded";
}

export function healthRouter(upstream: DatadogClient, options: HealthOptions = {}): Router {
  const router = Router();
  let last: { at: number; result: Promise<Readiness> } | undefined;

  const probe = async (): Promise<Readiness> => {
    try {
      await upstream.listLinks("CASE", PROBE_ID);
      return { ready: true };
    } catch (error) {
      if (error instanceof AppError && error.status === 404) return { ready: true };
      if (error instanceof AppError)
        return { ready: false, reason: error.message, code: error.code };
      return { ready: false, reason: "The upstream check failed.", code: "upstream_error" };
    }
  };

  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });

  router.get("/readyz", async (_req, res) => {
    // Probes are frequent; one upstream call per ten seconds at most, shared by concurrent probes.
    if (!last || Date.now() - last.at > PROBE_TTL_MS) last = { at: Date.now(), result: probe() };
    const result = await last.result;
    res.setHeader("Cache-Control", "no-store");
    const redis = options.redis?.();
    // Without Redis a replica answers alone: it is still ready, only not sharing.
    const shared =
      redis === undefined ? {} : redis === "ok" ? { redis } : { redis, degraded: "redis" };
    if (result.ready) res.json({ status: "ready", upstream: "ok", ...shared });
    else
      res
        .status(503)
        .json({ status: "unready", upstream: result.code, reason: result.reason, ...shared });
  });
  return router;
}
