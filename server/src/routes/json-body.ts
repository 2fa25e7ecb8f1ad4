import express, { type RequestHandler } from "express";
import { AppError } from "../errors";

/**
 * A POST body read as JSON: another media type is refused 415 naming `what`, one past `limit`
 * bytes 413 (through the error handler), so each route only validates the parsed value.
 */
export function jsonBody(what: string, limit: string | number): RequestHandler[] {
  return [
    (req, _res, next) => {
      if (!req.is("application/json")) {
        throw new AppError(
          415,
          "unsupported_media_type",
          `The ${what} body must be sent as application/json.`,
        );
      }
      next();
    },
    express.json({ limit, strict: true }),
  ];
}
