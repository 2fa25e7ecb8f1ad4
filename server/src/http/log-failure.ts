import { AppError } from "../errors";
import type { Logger } from "../logger";
import type { LogSampler } from "./log-sampler";

export interface FailureSampling {
  sampler: LogSampler;
  /** Who failed: repeated identical failures of one client are sampled. */
  clientId: string;
}

/**
 * One way to log a failed lookup, for the error handler and for items inside a batch answer:
 * upstream trouble as a warning with what the upstream said, anything else (a bug) as an error.
 * Names and messages only: stack traces and raw bodies stay out of logs.
 */
export function logLookupFailure(
  logger: Logger,
  error: unknown,
  what: string,
  sampling?: FailureSampling,
): void {
  if (error instanceof AppError) {
    if (error.status < 500) return;
    // Without a sampler every failure is logged; with one, a left-out failure is not.
    const taken = sampling
      ? sampling.sampler.take(`${sampling.clientId}|${error.status}|${error.code}`)
      : { suppressed: 0 };
    if (!taken) return;
    logger.warn(
      {
        code: error.code,
        status: error.status,
        what: what.slice(0, 300),
        upstream: error.upstreamReason,
        ...(taken.suppressed > 0 ? { suppressed: taken.suppressed } : {}),
      },
      error.message,
    );
    return;
  }
  const err =
    error instanceof Error ? { name: error.name, message: error.message } : { value: typeof error };
  logger.error({ err, what: what.slice(0, 300) }, "unexpected failure");
}
