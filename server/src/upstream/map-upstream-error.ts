import { client } from "@datadog/datadog-api-client";
import { AppError } from "../errors";
import { upstreamErrorSummary } from "./upstream-error-summary";
import { UpstreamFailure } from "./upstream-failure";

export interface ErrorContext {
  what: "links" | "case" | "incident";
  /** Already validated by the routes, so safe to repeat in a message. */
  entity: string;
}

/** Thrown by to-contract.ts when a 2xx body is not the shape Datadog documents. */
export class MalformedUpstreamBody extends Error {}

/**
 * Turns whatever the client or transport threw into the error contract. Upstream bodies are
 * never copied into messages: they are not ours to show and may echo request details.
 */
export function mapUpstreamError(error: unknown, context: ErrorContext): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof UpstreamFailure) {
    switch (error.kind) {
      case "timeout":
        return new AppError(
          504,
          "upstream_timeout",
          `${error.message} for the ${context.what} of ${context.entity}.`,
        );
      case "rate_limited":
      case "quota":
        return new AppError(
          503,
          "upstream_rate_limited",
          `Datadog is rate limiting lookups; try again in ${error.retryAfterSec ?? 60} s.`,
          error.retryAfterSec,
        );
      case "network":
        return new AppError(502, "upstream_error", `${error.message}.`);
      case "redirect":
      case "not_datadog": {
        const failure = new AppError(
          502,
          "upstream_error",
          `${error.message}, for the ${context.what} of ${context.entity}.`,
        );
        failure.upstreamReason = error.detail;
        return failure;
      }
      case "busy":
        return new AppError(
          503,
          "server_busy",
          `${error.message}: casegraph is busy; try again in ${error.retryAfterSec ?? 1} s.`,
          error.retryAfterSec ?? 1,
        );
      case "client_budget":
      case "client_queue_full":
        return new AppError(
          429,
          "rate_limited",
          `${error.message}; try again in ${error.retryAfterSec ?? 1} s.`,
          error.retryAfterSec ?? 1,
        );
    }
  }
  if (error instanceof client.ApiException) {
    const mapped = fromStatus(error.code, context);
    mapped.upstreamReason = upstreamErrorSummary(error.body);
    return mapped;
  }
  return new AppError(
    502,
    "upstream_error",
    `Datadog sent an answer that could not be read for the ${context.what} of ${context.entity}.`,
  );
}

function fromStatus(status: number, context: ErrorContext): AppError {
  if (status === 404) {
    return new AppError(404, "not_found", `Datadog has no ${context.entity}.`);
  }
  if (status === 401 || status === 403) {
    return new AppError(
      502,
      "upstream_unauthorized",
      "Datadog refused the configured API and application keys (check that they are valid and have the cases_read scope).",
    );
  }
  if (status === 429) {
    return new AppError(
      503,
      "upstream_rate_limited",
      "Datadog is rate limiting lookups; try again in 60 s.",
      60,
    );
  }
  if (status === 400) {
    return new AppError(
      502,
      "upstream_error",
      `Datadog rejected the lookup of the ${context.what} of ${context.entity}.`,
    );
  }
  return new AppError(
    502,
    "upstream_error",
    `Datadog failed (HTTP ${status}) looking up the ${context.what} of ${context.entity}.`,
  );
}
