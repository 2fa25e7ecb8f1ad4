import { setMaxListeners } from "node:events";
import type { Request, Response } from "express";
import type { LookupRequestContext } from "../services/lookup-request-context";

/** Whether `Cache-Control` carries the `no-cache` directive itself (not `x-no-cache-y`). */
export function asksNoCache(header: string | undefined): boolean {
  if (!header) return false;
  return header
    .split(",")
    .some((directive) => directive.split("=")[0]?.trim().toLowerCase() === "no-cache");
}

/**
 * The lookup context of one HTTP request: charged to the client's address (one per person
 * behind a trusted proxy), abandoned when the client hangs up before the answer is complete.
 */
export function requestContext(
  req: Request,
  res: Response,
  options: { honourNoCache: boolean },
): LookupRequestContext {
  const abort = new AbortController();
  // Every lookup of a 500-item batch listens to this one signal.
  setMaxListeners(0, abort.signal);
  res.on("close", () => {
    if (!res.writableFinished) abort.abort();
  });
  return {
    clientId: req.ip ?? req.socket.remoteAddress ?? "unknown",
    signal: abort.signal,
    fresh: options.honourNoCache && asksNoCache(req.headers["cache-control"]),
  };
}
