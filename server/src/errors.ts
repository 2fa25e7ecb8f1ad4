import type { ErrorCode } from "./contract";

/**
 * The one error type every layer throws. Its message is shown to users as is, so it never
 * carries upstream bodies, credentials or stack traces.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  /** Seconds, for 503 and 429 answers. */
  readonly retryAfterSec: number | undefined;
  /** What the upstream said, for the log only: never part of a response. */
  upstreamReason: string | undefined;

  constructor(status: number, code: ErrorCode, message: string, retryAfterSec?: number) {
    super(message);
    this.name = "AppError";
    this.status = status;
    this.code = code;
    this.retryAfterSec = retryAfterSec;
  }
}

export function badRequest(message: string): AppError {
  return new AppError(400, "bad_request", message);
}

export function notFound(message: string): AppError {
  return new AppError(404, "not_found", message);
}
