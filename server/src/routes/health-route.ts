import { Router } from "express";
import { AppError } from "../errors";
import type { DatadogClient } from "../upstream/datadog-client";
import type { UpstreamOutcome } from "../upstream/upstream-fetch";

/** An id no case has: asking for its links proves the upstream answers and accepts the keys. */
const PROBE_ID = "00000000-0000-4000-8000-000000000000";
/** Readiness is never older than this: a real answer this recent, or a probe. */
const READINESS_MAX_AGE_MS = 2_000;

type Readiness = { ready: true } | { ready: false; reason: string; code: string };

export function healthRouter(
  upstream: DatadogClient,
  lastOutcome: () => UpstreamOutcome | undefined = () => undefined,
): Router {
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

  const readiness = (): Promise<Readiness> => {
    const now = Date.now();
    if (last && now - last.at <= READINESS_MAX_AGE_MS) return last.result;
    // Real lookups answer the question too: a recent one saves a probe.
    const seen = lastOutcome();
    if (seen && now - seen.at <= READINESS_MAX_AGE_MS) {
      if (seen.ok) return Promise.resolve({ ready: true });
      if (seen.code === "upstream_unauthorized") {
        return Promise.resolve({
          ready: false,
          code: seen.code,
          reason: "Datadog refused the configured API and application keys.",
        });
      }
    }
    // Concurrent probes share one upstream call.
    last = { at: now, result: probe() };
    return last.result;
  };

  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });

  router.get("/readyz", async (_req, res) => {
    const result = await readiness();
    res.setHeader("Cache-Control", "no-store");
    if (result.ready) res.json({ status: "ready", upstream: "ok" });
    else res.status(503).json({ status: "unready", upstream: result.code, reason: result.reason });
  });
  return router;
}
