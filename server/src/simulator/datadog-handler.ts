import type { IncomingMessage, ServerResponse } from "node:http";
import { errorBodies } from "./datadog-documents";
import { matchDatadogRoute } from "./datadog-routes";
import type { Fault } from "./knobs";
import { delayFor } from "./latency";
import { bearerToken } from "./oauth-handler";
import { rateLimitHeaders } from "./rate-limit-windows";
import {
  htmlReply,
  jsonReply,
  type Reply,
  truncatedReply,
  writeReply,
  writeThenReset,
} from "./reply";
import { queryRecord, type RequestLogEntry } from "./request-log";
import type { SimulatorState } from "./simulator-state";
import { ORG_VIEWER, type Viewer } from "./visibility";

/** How a decided reply leaves the server. */
type Delivery = { kind: "send"; reply: Reply } | { kind: "reset"; reply: Reply } | { kind: "hang" };

interface Outcome {
  delivery: Delivery;
  entityId?: string;
  fault?: Fault;
}

/** Serves the Datadog surface: key check, rate limit, faults, then the scenario's data. */
export function handleDatadogRequest(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  state: SimulatorState,
): void {
  const at = new Date().toISOString();
  res.once("close", state.inFlight.start(url.pathname === "/api/v2/cases/link"));
  const hasKeys =
    header(req, "dd-api-key") !== undefined && header(req, "dd-application-key") !== undefined;
  const viewer = viewerOf(req, state, hasKeys);
  const outcome = decide(req, url, state, viewer);
  const { delivery } = outcome;

  const entry: RequestLogEntry = {
    at,
    method: req.method ?? "GET",
    path: url.pathname,
    query: queryRecord(url.searchParams),
    status: delivery.kind === "hang" ? 0 : delivery.reply.status,
    hasKeys,
  };
  if (viewer !== "unauthorized" && viewer !== "forbidden" && viewer.kind === "person")
    entry.userId = viewer.userId;
  if (outcome.entityId !== undefined) entry.entityId = outcome.entityId;
  if (outcome.fault !== undefined) entry.fault = outcome.fault;
  state.log.add(entry);

  if (delivery.kind === "hang") {
    state.hung.add(res);
    res.on("close", () => state.hung.delete(res));
    return;
  }
  const send = () =>
    delivery.kind === "reset"
      ? writeThenReset(res, delivery.reply)
      : writeReply(res, delivery.reply);
  const delayMs = delayFor(state.knobs, state.random);
  if (delayMs <= 0) {
    send();
    return;
  }
  const timer = setTimeout(() => {
    state.timers.delete(timer);
    if (!res.destroyed) send();
  }, delayMs);
  state.timers.add(timer);
  res.on("close", () => {
    clearTimeout(timer);
    state.timers.delete(timer);
  });
}

/**
 * Matching keys read as the org; otherwise a live Bearer token reads as its person. A token
 * that is unknown, expired or revoked is 401, so a client knows to renew it; no credential is 403.
 */
function viewerOf(
  req: IncomingMessage,
  state: SimulatorState,
  hasKeys: boolean,
): Viewer | "unauthorized" | "forbidden" {
  if (hasKeys) return keysMatch(req, state) ? ORG_VIEWER : "forbidden";
  const bearer = bearerToken(req);
  if (bearer === undefined) return "forbidden";
  const grant = state.oauth.grantOf(bearer);
  if (grant === undefined) return "unauthorized";
  return { kind: "person", userId: grant.userId, scopes: grant.scopes };
}

function decide(
  req: IncomingMessage,
  url: URL,
  state: SimulatorState,
  viewer: Viewer | "unauthorized" | "forbidden",
): Outcome {
  const send = (reply: Reply): Delivery => ({ kind: "send", reply });
  if (!url.pathname.startsWith("/api/"))
    return { delivery: send(jsonReply(404, errorBodies.notFound)) };
  if (viewer === "forbidden") return { delivery: send(jsonReply(403, errorBodies.forbidden)) };
  if (viewer === "unauthorized")
    return { delivery: send(jsonReply(401, errorBodies.unauthorized)) };

  const route = matchDatadogRoute(
    req.method ?? "GET",
    url.pathname,
    url.searchParams,
    state.index,
    viewer,
  );
  if (route === undefined) return { delivery: send(jsonReply(404, errorBodies.notFound)) };
  const about = route.entityId === undefined ? {} : { entityId: route.entityId };

  const { knobs } = state;
  const window = state.windows.take(route.rateLimitName, knobs.rateLimit);
  const headers = rateLimitHeaders(window);
  const withHeaders = (reply: Reply): Reply => ({ ...reply, headers });
  if (window.exceeded) {
    return { ...about, delivery: send(withHeaders(jsonReply(429, errorBodies.tooManyRequests))) };
  }

  const fault = faultFor(route.faultKeys, state);
  switch (fault) {
    case undefined:
      return { ...about, delivery: send(withHeaders(route.answer(knobs))) };
    case "hang":
      return { ...about, fault, delivery: { kind: "hang" } };
    case "error":
      return { ...about, fault, delivery: send(withHeaders(jsonReply(500, errorBodies.internal))) };
    case "malformed":
      return { ...about, fault, delivery: send(withHeaders(truncatedReply(route.answer(knobs)))) };
    case "not_found":
      return { ...about, fault, delivery: send(withHeaders(route.notFound)) };
    case "wrong_content_type":
      return { ...about, fault, delivery: send(withHeaders(htmlReply(route.answer(knobs)))) };
    case "reset":
      return {
        ...about,
        fault,
        delivery: { kind: "reset", reply: withHeaders(route.answer(knobs)) },
      };
    case "rate_limited": {
      const limited = rateLimitHeaders({ ...window, remaining: 0, resetSec: knobs.faultResetSec });
      return {
        ...about,
        fault,
        delivery: send({ ...jsonReply(429, errorBodies.tooManyRequests), headers: limited }),
      };
    }
  }
}

/** A fault set for this entity wins; otherwise the random rates get a say, in a fixed order. */
function faultFor(faultKeys: readonly string[], state: SimulatorState): Fault | undefined {
  const { knobs, random } = state;
  for (const key of faultKeys) {
    const fault = knobs.faults[key];
    if (fault !== undefined) return fault;
  }
  if (knobs.hangRate > 0 && random() < knobs.hangRate) return "hang";
  if (knobs.errorRate > 0 && random() < knobs.errorRate) return "error";
  if (knobs.malformedRate > 0 && random() < knobs.malformedRate) return "malformed";
  return undefined;
}

function keysMatch(req: IncomingMessage, state: SimulatorState): boolean {
  if (state.keys === undefined) return true;
  return (
    header(req, "dd-api-key") === state.keys.apiKey &&
    header(req, "dd-application-key") === state.keys.appKey
  );
}

/** A header's single non-empty value; an empty header counts as missing. */
function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const single = Array.isArray(value) ? value[0] : value;
  return single === undefined || single === "" ? undefined : single;
}
