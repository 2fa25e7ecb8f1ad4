/**
 * What can go wrong below the Datadog client: raised by the transport and turned into an
 * AppError by map-upstream-error.ts.
 */
export type UpstreamFailureKind = "timeout" | "rate_limited" | "network";

export class UpstreamFailure extends Error {
  readonly kind: UpstreamFailureKind;
  readonly retryAfterSec: number | undefined;

  constructor(kind: UpstreamFailureKind, message: string, retryAfterSec?: number) {
    super(message);
    this.name = "UpstreamFailure";
    this.kind = kind;
    this.retryAfterSec = retryAfterSec;
  }
}
