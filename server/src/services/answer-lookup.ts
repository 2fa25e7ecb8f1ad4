import type { ApiErrorDetail, BatchLine, EntityType } from "../contract";
import { AppError } from "../errors";
import { logLookupFailure } from "../http/log-failure";
import type { LogSampler } from "../http/log-sampler";
import type { Logger } from "../logger";
import type { EntityService } from "./entity-service";
import type { LinkService } from "./link-service";
import type { LookupRequestContext } from "./lookup-request-context";

export interface LookupServices {
  links: LinkService;
  entities: EntityService;
  logger: Logger;
  /** Repeated identical failures of one client are logged once in a while. */
  logSampler?: LogSampler;
}

export interface LookupItem {
  kind: "links" | "entity";
  type: EntityType;
  id: string;
  /** Links only, on the socket: hops the page shows past this entity (see `ReadAhead`). */
  ahead?: number;
}

function toDetail(error: unknown): ApiErrorDetail {
  if (!(error instanceof AppError)) {
    return { status: 500, code: "internal_error", message: "The lookup failed unexpectedly." };
  }
  const detail: ApiErrorDetail = { status: error.status, code: error.code, message: error.message };
  if (error.retryAfterSec !== undefined) detail.retry_after_s = error.retryAfterSec;
  return detail;
}

/**
 * One validated lookup answered as one line of the contract: its data (with `meta` saying so
 * when it is the last good answer kept through an upstream failure), or its error in the error
 * contract (failures are logged here, sampled). Never rejects, so every transport can write
 * whatever comes back.
 */
export async function answerLookup(
  services: LookupServices,
  item: LookupItem,
  ctx: LookupRequestContext,
  /** `log: false`: a failure is only answered (a read ahead, which the page's own lookup says). */
  options: { log?: boolean } = {},
): Promise<BatchLine> {
  const { type, id } = item;
  try {
    if (item.kind === "links") {
      const answer = await services.links.linksOf(type, id, ctx);
      const line: BatchLine = { kind: "links", type, id, data: answer.value.links };
      if (answer.stale) line.meta = answer.stale;
      return line;
    }
    const answer = await services.entities.labelOf(type, id, ctx);
    const line: BatchLine = { kind: "entity", type, id, data: answer.value };
    if (answer.stale) line.meta = answer.stale;
    return line;
  } catch (error) {
    if (!ctx.signal.aborted && options.log !== false) {
      const what = item.kind === "links" ? `links of ${type} ${id}` : `label of ${type} ${id}`;
      logLookupFailure(
        services.logger,
        error,
        what,
        services.logSampler ? { sampler: services.logSampler, clientId: ctx.clientId } : undefined,
      );
    }
    return { kind: item.kind, type, id, error: toDetail(error) };
  }
}
