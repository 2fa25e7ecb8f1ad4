import express, { Router } from "express";
import { z } from "zod";
import {
  type ApiErrorDetail,
  BATCH_MAX_ITEMS,
  type BatchLine,
  CASE_KEY_PATTERN,
  ENTITY_TYPES,
  type EntityRef,
  UUID_PATTERN,
} from "../contract";
import { AppError, badRequest } from "../errors";
import { logLookupFailure } from "../http/log-failure";
import type { Logger } from "../logger";
import type { EntityService } from "../services/entity-service";
import type { LinkService } from "../services/link-service";
import { methodNotAllowed } from "./method-not-allowed";

const linkRef = z
  .object({
    type: z.enum(ENTITY_TYPES),
    id: z.string().max(100).regex(UUID_PATTERN, "must be a UUID"),
  })
  .strict();

const entityRef = z
  .object({ type: z.enum(ENTITY_TYPES), id: z.string().max(100) })
  .strict()
  .refine((r) => UUID_PATTERN.test(r.id) || (r.type === "CASE" && CASE_KEY_PATTERN.test(r.id)), {
    message: "id must be a UUID, or a case key like PROJ-123 for a CASE",
    path: ["id"],
  });

const bodySchema = z
  .object({ links: z.array(linkRef).optional(), entities: z.array(entityRef).optional() })
  .strict()
  .refine((b) => (b.links?.length ?? 0) + (b.entities?.length ?? 0) > 0, {
    message: "give at least one item in links or entities",
  })
  .refine((b) => (b.links?.length ?? 0) + (b.entities?.length ?? 0) <= BATCH_MAX_ITEMS, {
    message: `at most ${BATCH_MAX_ITEMS} items in links and entities together`,
  });

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "The body is not a batch request.";
  const where = issue.path.length > 0 ? issue.path.join(".") : "body";
  return `${where}: ${issue.message}.`;
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
 * Many lookups in one request, answered as NDJSON lines in the order they finish: a browser
 * holds about six connections per host, so one request per entity would cap a graph's speed.
 */
export function batchRouter(links: LinkService, entities: EntityService, logger: Logger): Router {
  const router = Router();
  router
    .route("/api/batch")
    .post(
      (req, _res, next) => {
        if (!req.is("application/json")) {
          throw new AppError(
            415,
            "unsupported_media_type",
            "The batch body must be sent as application/json.",
          );
        }
        next();
      },
      express.json({ limit: "64kb", strict: true }),
      async (req, res) => {
        const parsed = bodySchema.safeParse(req.body);
        if (!parsed.success) throw badRequest(describe(parsed.error));
        const dedupe = (items: EntityRef[] | undefined) => [
          ...new Map((items ?? []).map((r) => [`${r.type}:${r.id}`, r])).values(),
        ];
        // A person pressed Refresh: go back to Datadog rather than answer from the cache.
        const fresh = /\bno-cache\b/i.test(req.headers["cache-control"] ?? "");
        const { principal } = req;
        const linkRefs = dedupe(parsed.data.links);
        const entityRefs = dedupe(parsed.data.entities);

        res.status(200);
        res.setHeader("Content-Type", "application/x-ndjson; charset=utf-8");
        res.setHeader("Cache-Control", "no-store");
        res.flushHeaders();

        let closed = false;
        res.on("close", () => {
          closed = true;
        });
        const write = (line: BatchLine) => {
          if (closed) return;
          res.write(`${JSON.stringify(line)}\n`);
          // compression buffers by default; each line should reach the browser as it is ready.
          (res as unknown as { flush?: () => void }).flush?.();
        };

        const jobs = [
          ...linkRefs.map(async (r) => {
            try {
              const answer = await links.linksOf(r.type, r.id.toLowerCase(), { fresh, principal });
              write({ kind: "links", type: r.type, id: r.id, data: answer.links });
            } catch (error) {
              logLookupFailure(logger, error, `links of ${r.type} ${r.id}`);
              write({ kind: "links", type: r.type, id: r.id, error: toDetail(error) });
            }
          }),
          ...entityRefs.map(async (r) => {
            try {
              write({
                kind: "entity",
                type: r.type,
                id: r.id,
                data: await entities.labelOf(r.type, r.id, { fresh, principal }),
              });
            } catch (error) {
              logLookupFailure(logger, error, `label of ${r.type} ${r.id}`);
              write({ kind: "entity", type: r.type, id: r.id, error: toDetail(error) });
            }
          }),
        ];
        await Promise.all(jobs);
        res.end();
      },
    )
    .all(methodNotAllowed("POST"));
  return router;
}
