import type { IncomingMessage, ServerResponse } from "node:http";
import type { LogSampler } from "./log-sampler";

/** Longest path a log line repeats: enough to recognise a route, never a 16 KB URL. */
export const LOGGED_PATH_MAX = 200;

/** The request as a log line shows it: method, path cut short, the names of the query only. */
export function loggedRequest(req: { method?: string; url?: string }) {
  const url = req.url ?? "";
  const at = url.indexOf("?");
  const path = at < 0 ? url : url.slice(0, at);
  const names =
    at < 0
      ? []
      : url
          .slice(at + 1)
          .split("&")
          .map((pair) => pair.split("=")[0]?.slice(0, 40) ?? "")
          .filter(Boolean)
          .slice(0, 10);
  return {
    method: req.method,
    path: path.length > LOGGED_PATH_MAX ? `${path.slice(0, LOGGED_PATH_MAX)}…` : path,
    ...(names.length > 0 ? { query: names } : {}),
  };
}

type Level = "warn" | "info" | "debug" | "silent";

/**
 * The log level of an answered request: answered lookups at debug, 4xx at info, 5xx at warn;
 * repeated identical failures of one client are sampled (one line per window, saying how many
 * were left out).
 */
export function requestLogLevel(sampler: LogSampler) {
  return (req: IncomingMessage, res: ServerResponse, error?: Error): Level => {
    const status = res.statusCode;
    if (!error && status < 400) return "debug";
    const client = (req as { ip?: string }).ip ?? req.socket.remoteAddress ?? "";
    const taken = sampler.take(`${client}|${status}`);
    if (!taken) return "silent";
    if (taken.suppressed > 0)
      (res as { suppressedLines?: number }).suppressedLines = taken.suppressed;
    return error || status >= 500 ? "warn" : "info";
  };
}
