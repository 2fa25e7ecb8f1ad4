/**
 * What can go wrong below the Datadog client: raised by the transport and turned into an
 * AppError by map-upstream-error.ts.
 */
export type UpstreamFailureKind =
  | "timeout"
  | "rate_limited"
  | "network"
  /** The upstream answered with a redirect, which is never followed (the keys would go along). */
  | "redirect"
  /** The answer is not Datadog's (content type or shape). */
  | "not_datadog"
  /** The lookup could not get an upstream slot before its deadline. */
  | "busy"
  /** This client has used its budget of upstream lookups. */
  | "client_budget"
  /** The org's quota is spent, or this client has had its share of it. */
  | "quota"
  /** This client already has as many lookups queued as it may. */
  | "client_queue_full";

export class UpstreamFailure extends Error {
  readonly kind: UpstreamFailureKind;
  readonly retryAfterSec: number | undefined;
  /** For the log only (never a response): what exactly the upstream did. */
  readonly detail: string | undefined;

  constructor(kind: UpstreamFailureKind, message: string, retryAfterSec?: number, detail?: string) {
    super(message);
    this.name = "UpstreamFailure";
    this.kind = kind;
    this.retryAfterSec = retryAfterSec;
    this.detail = detail;
  }
}
