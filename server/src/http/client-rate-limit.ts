import type { RequestHandler } from "express";
import { rateLimit, type Store } from "express-rate-limit";
import { AppError } from "../errors";

/**
 * Requests per minute per client (its address, or the forwarded one behind a trusted proxy).
 * `Retry-After` says when this client's window really resets, not the window's length.
 */
export function clientRateLimit(
  perMinute: number,
  options: { skip?: (path: string) => boolean; store?: Store } = {},
): RequestHandler {
  const { skip, store } = options;
  return rateLimit({
    windowMs: 60_000,
    ...(store ? { store } : {}),
    limit: perMinute,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    ...(skip ? { skip: (req) => skip(req.path) } : {}),
    handler: (req, _res, next) => {
      const resetAt = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime?.getTime();
      const retryAfter =
        resetAt === undefined ? 60 : Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
      next(
        new AppError(
          429,
          "rate_limited",
          `Too many requests from this client; try again in ${retryAfter} s.`,
          retryAfter,
        ),
      );
    },
  });
}
