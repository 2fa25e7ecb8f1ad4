import { z } from "zod";
import {
  aheadRefSchema,
  BATCH_MAX_ITEMS,
  entityRefSchema,
  linkRefSchema,
  READ_AHEAD_MAX_CAP,
} from "../contract";

const lookupFields = {
  links: z.array(linkRefSchema).optional(),
  entities: z.array(entityRefSchema).optional(),
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
  z
    .object({
      ...lookupFields,
      links: z.array(aheadRefSchema).optional(),
      fresh: z.boolean().optional(),
      cap: z.number().int().min(1).max(READ_AHEAD_MAX_CAP).optional(),
    })
    .strict(),
);

/** The first problem, naming where it is: `links.0.id: must be a UUID.` */
export function describeIssue(error: z.ZodError, what: string): string {
  const issue = error.issues[0];
  if (!issue) return `The ${what} is not a lookup request.`;
  const where = issue.path.length > 0 ? issue.path.join(".") : what;
  return `${where}: ${issue.message}.`;
}
