import type { ErrorRequestHandler, RequestHandler } from "express";
import type { ApiErrorBody } from "../contract";
import { AppError } from "../errors";
import type { Logger } from "../logger";
import { logLookupFailure } from "./log-failure";
import type { LogSampler } from "./log-sampler";

/** Errors from Express's body parser carry a `type` and a status. */
interface ParserError {
  type?: string;
  status?: number;
  message?: string;
}

function fromParser(error: ParserError): AppError | undefined {
  switch (error.type) {
    case "entity.too.large":
      return new AppError(413, "payload_too_large", "The request body is too large.");
    case "entity.parse.failed":
      return new AppError(400, "bad_request", "The request body is not valid JSON.");
    case "encoding.unsupported":
    case "charset.unsupported":
      return new AppError(
        415,
        "unsupported_media_type",
        "The request body's encoding is not supported.",
      );
    case "request.aborted":
      return new AppError(400, "bad_request", "The request was aborted.");
    default:
      // Other http-errors (a missing static asset, say) keep their 4xx status.
      if (error.status === 400 && /decode/i.test(error.message ?? "")) {
        return new AppError(400, "bad_request", "The request path is not valid percent-encoding.");
      }
      if (error.status === 404)
        return new AppError(404, "not_found", "There is nothing at this address.");
      if (error.status === 405)
        return new AppError(405, "method_not_allowed", "This method is not allowed here.");
      if (typeof error.status === "number" && error.status >= 400 && error.status < 500) {
        return new AppError(400, "bad_request", "The request could not be understood.");
      }
      return undefined;
  }
}

const REPRESENTATION_HEADERS = [
  "Content-Encoding",
  "Content-Type",
  "Content-Length",
  "Content-Range",
  "Cache-Control",
  "ETag",
  "Last-Modified",
];

/** The one place errors become responses and log lines. */
export function errorHandler(logger: Logger, sampler?: LogSampler): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    // The client hung up and its lookup was dropped: nobody is left to answer or to tell.
    if ((error as { name?: unknown })?.name === "AbortError" && req.socket.destroyed) {
      res.destroy();
      return;
    }
    const appError =
      error instanceof AppError
        ? error
        : (fromParser(error as ParserError) ??
          (error instanceof URIError
            ? new AppError(400, "bad_request", "The request path is not valid percent-encoding.")
            : undefined));
    const known =
      appError ??
      new AppError(500, "internal_error", "Something went wrong on the casegraph server.");
    logLookupFailure(
      logger,
      appError ?? error,
      `${req.method} ${req.path}`,
      sampler ? { sampler, clientId: req.ip ?? "" } : undefined,
    );
    if (res.headersSent) {
      res.destroy();
      return;
    }
    // A file that failed on its way out (an asset, its encoding chosen) set these for itself.
    for (const name of REPRESENTATION_HEADERS) res.removeHeader(name);
    if (known.retryAfterSec !== undefined)
      res.setHeader("Retry-After", String(known.retryAfterSec));
    const body: ApiErrorBody = {
      error: { status: known.status, code: known.code, message: known.message },
    };
    res.status(known.status).json(body);
  };
}

export const apiNotFound: RequestHandler = (req) => {
  throw new AppError(404, "not_found", `There is no API endpoint at ${req.path.slice(0, 100)}.`);
};
