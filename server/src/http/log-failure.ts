import { AppError } from "../errors";
import type { Logger } from "../logger";

/**
 * One way to log a failed lookup, for the error handler and for items inside a batch answer:
 * upstream trouble as a warning with what the upstream said, anything else (a bug) as an error.
 * Names and messages only: stack traces and raw bodies stay out of logs.
 */
export function logLookupFailure(logger: Logger, error: unknown, what: string): void {
  if (error instanceof AppError) {
    if (error.status >= 500) {
      logger.warn(
        { code: error.code, status: error.status, what, upstream: error.upstreamReason },
        error.message,
      );
    }
    return;
  }
  const err =
    error instanceof Error ? { name: error.name, message: error.message } : { value: typeof error };
  logger.error({ err, what }, "unexpected failure");
}
