import type { IncomingMessage } from "node:http";
import type { RequestHandler } from "express";
import { AppError } from "../errors";

/**
 * Cross-site request forgery: a browser names the page that sent a POST in `Origin` (or at least
 * `Sec-Fetch-Site`). Only casegraph's own origin, the public URL and the configured CORS origins
 * may send one; clients that are not browsers send neither and carry no ambient cookie to abuse.
 */
export function createOriginCheck(options: {
  publicUrl: () => string | undefined;
  corsOrigins: string[];
}) {
  const allowedOrigin = (req: IncomingMessage, origin: string): boolean => {
    if (options.corsOrigins.includes(origin)) return true;
    const publicUrl = options.publicUrl();
    if (publicUrl && new URL(publicUrl).origin === origin) return true;
    // The address this request was sent to: same-origin pages of a server without a public URL.
    const host = req.headers.host;
    return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
  };

  /** True when the request may change state (or open a socket) for whoever holds the cookie. */
  const allows = (req: IncomingMessage): boolean => {
    const origin = req.headers.origin;
    if (typeof origin === "string" && origin !== "") {
      return origin !== "null" && allowedOrigin(req, origin);
    }
    const site = req.headers["sec-fetch-site"];
    return site === undefined || site === "same-origin" || site === "none";
  };

  const middleware: RequestHandler = (req, _res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    if (!allows(req)) {
      throw new AppError(
        403,
        "forbidden",
        "This request came from another site (its Origin is not casegraph's), so it was refused.",
      );
    }
    next();
  };

  return { middleware, allows };
}
