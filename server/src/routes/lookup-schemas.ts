import { z } from "zod";
import { BATCH_MAX_ITEMS, CASE_KEY_PATTERN, ENTITY_TYPES, UUID_PATTERN } from "../contract";

/** Links are read by UUID only: Datadog's link API takes no case keys. */
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

const lookupFields = {
  links: z.array(linkRef).optional(),
  entities: z.array(entityRef).optional(),
};

type Lookups = { links?: unknown[] | undefined; entities?: unknown[] | undefined };
const count = (b: Lookups) => (b.links?.length ?? 0) + (b.entities?.length ?? 0);

function bounded<T extends z.ZodType<Lookups>>(schema: T) {
  return schema
    .refine((b) => count(b) > 0, { message: "give at least one item in links or entities" })
    .refine((b) => count(b) <= BATCH_MAX_ITEMS, {
      message: `at most ${BATCH_MAX_ITEMS} items in links and entities together`,
    });
}

/** The lookups of one batch body or one `GET /api/lookups`. */
export const lookupsSchema = bounded(z.object(lookupFields).strict());

/** One socket message: lookups, and whether to read them past the server's cache (Refresh). */
export const lookupMessageSchema = bounded(
  z.object({ ...lookupFields, fresh: z.boolean().optional() }).strict(),
);

/** The first problem, naming where it is: `links.0.id: must be a UUID.` */
export function describeIssue(error: z.ZodError, what: string): string {
  const issue = error.issues[0];
  if (!issue) return `The ${what} is not a lookup request.`;
  const where = issue.path.length > 0 ? issue.path.join(".") : what;
  return `${where}: ${issue.message}.`;
}
