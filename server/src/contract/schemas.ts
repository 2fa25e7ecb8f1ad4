import { z } from "zod/mini";
import {
  type AheadRef,
  type ApiErrorBody,
  type BatchLine,
  type EntityRef,
  type Link,
  READ_AHEAD_MAX_HOPS,
  type StaleMeta,
} from "./api";
import { CASE_KEY_PATTERN, ENTITY_TYPES, UUID_PATTERN } from "./entities";

/**
 * The BFF's wire shapes as runtime schemas, one definition for the server's routes and the
 * browser's reader (zod/mini, so the client bundle stays small). Members a schema does not name
 * are allowed (and left out of what it returns), so the server can add fields without breaking
 * an older page; readers keep the value they checked.
 */

export const apiErrorDetailSchema = z.object({
  status: z.number(),
  // Codes are the server's to extend; an unknown one still carries a useful message.
  code: z.string(),
  message: z.string(),
  retry_after_s: z.optional(z.number()),
});

/** `{"error":{status,code,message}}`, on every route. */
export const apiErrorBodySchema = z.object({ error: apiErrorDetailSchema });

export const staleMetaSchema = z.object({ stale: z.literal(true), as_of: z.string() });

/** What a link needs to be drawn; the relationship is passed through whatever it is. */
export const linkSchema = z.object({
  id: z.string(),
  attributes: z.object({
    parent_entity_id: z.string(),
    parent_entity_type: z.string(),
    child_entity_id: z.string(),
    child_entity_type: z.string(),
  }),
});

const lineBase = { type: z.string(), id: z.string() };

/**
 * One NDJSON line of a batch (or socket) answer. Links are checked one by one where they are
 * used (`linkSchema`), so one malformed link never costs the whole line.
 */
export const batchLineSchema = z.union([
  z.object({ kind: z.enum(["links", "entity"]), ...lineBase, error: apiErrorDetailSchema }),
  z.object({
    kind: z.literal("links"),
    ...lineBase,
    data: z.array(z.unknown()),
    meta: z.optional(staleMetaSchema),
    pushed: z.optional(z.literal(true)),
  }),
  z.object({
    kind: z.literal("entity"),
    ...lineBase,
    data: z.object({ type: z.string(), id: z.string() }),
    meta: z.optional(staleMetaSchema),
    pushed: z.optional(z.literal(true)),
  }),
]);

/** Links are read by UUID only: Datadog's link API takes no case keys. */
export const linkRefSchema = z.strictObject({
  type: z.enum(ENTITY_TYPES),
  id: z.string().check(z.maxLength(100), z.regex(UUID_PATTERN, "must be a UUID")),
});

/** A links lookup on the socket, with the hops the page shows past it (see `AheadRef`). */
export const aheadRefSchema = z.extend(linkRefSchema, {
  ahead: z.optional(z.int().check(z.minimum(0), z.maximum(READ_AHEAD_MAX_HOPS))),
});

/** Labels are read by UUID, or by key for a case. */
export const entityRefSchema = z
  .strictObject({ type: z.enum(ENTITY_TYPES), id: z.string().check(z.maxLength(100)) })
  .check(
    z.refine((r) => UUID_PATTERN.test(r.id) || (r.type === "CASE" && CASE_KEY_PATTERN.test(r.id)), {
      message: "id must be a UUID, or a case key like PROJ-123 for a CASE",
      path: ["id"],
    }),
  );

// The hand-written types and the schemas must agree: these fail to compile when they drift.
const agreesWith = <T>(_value: T) => undefined;
agreesWith<z.infer<typeof apiErrorBodySchema>>({} as ApiErrorBody);
agreesWith<z.infer<typeof staleMetaSchema>>({} as StaleMeta);
agreesWith<z.infer<typeof linkSchema>>({} as Link);
agreesWith<z.infer<typeof batchLineSchema>>({} as BatchLine);
agreesWith<z.infer<typeof entityRefSchema>>({} as EntityRef);
agreesWith<z.infer<typeof aheadRefSchema>>({} as AheadRef);
