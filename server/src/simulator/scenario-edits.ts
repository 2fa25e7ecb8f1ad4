import { randomUUID } from "node:crypto";
import { z } from "zod";
import { CASE_PRIORITIES, CASE_STATUSES } from "../contract";
import type { ScenarioIndex } from "./scenario-index";
import type { SimCase, SimEntityRef, SimLink } from "./scenarios/scenario";

/** An end of a new link: a case key (`PAY-101`) or any entity by type and id. */
const endSchema = z.union([
  z.string().min(1),
  z.object({ type: z.string().min(1), id: z.string().min(1) }).strict(),
]);

const newLinkSchema = z
  .object({
    id: z.string().min(1).max(100).optional(),
    parent: endSchema,
    child: endSchema,
    relationship: z.string().regex(/^[A-Z][A-Z_]{0,39}$/, "must be a relationship such as BLOCKS"),
  })
  .strict();

const caseChangeSchema = z
  .object({
    status: z.enum(CASE_STATUSES).optional(),
    priority: z.enum(CASE_PRIORITIES).optional(),
  })
  .strict()
  .refine((change) => change.status !== undefined || change.priority !== undefined, {
    message: "give status, priority or both",
  });

export type EditResult<T> =
  | { ok: true; value: T }
  | { ok: false; status: 400 | 404; message: string };

function invalid(what: string, error: z.ZodError): { ok: false; status: 400; message: string } {
  const problems = error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join(".") : what;
    return `${where}: ${issue.message}`;
  });
  return { ok: false, status: 400, message: `Invalid ${what}: ${problems.join("; ")}.` };
}

function resolveEnd(
  index: ScenarioIndex,
  end: z.infer<typeof endSchema>,
): SimEntityRef | undefined {
  if (typeof end === "string") {
    const found = index.findCase(end);
    return found ? { type: "CASE", id: found.id } : undefined;
  }
  return index.knows(end.type, end.id) ? end : undefined;
}

/** `POST /__sim/links`: links two entities the scenario knows, as a person would in Datadog. */
export function addLink(index: ScenarioIndex, body: unknown): EditResult<SimLink> {
  const parsed = newLinkSchema.safeParse(body);
  if (!parsed.success) return invalid("link", parsed.error);
  const parent = resolveEnd(index, parsed.data.parent);
  const child = resolveEnd(index, parsed.data.child);
  if (!parent || !child) {
    const missing = !parent ? "parent" : "child";
    return { ok: false, status: 404, message: `The link's ${missing} is not in the scenario.` };
  }
  const link: SimLink = {
    id: parsed.data.id ?? randomUUID(),
    parent,
    child,
    relationship: parsed.data.relationship,
  };
  if (!index.addLink(link)) {
    return { ok: false, status: 400, message: `A link with id ${link.id} already exists.` };
  }
  return { ok: true, value: link };
}

/** `DELETE /__sim/links/<id>`. */
export function removeLink(index: ScenarioIndex, id: string): EditResult<{ id: string }> {
  return index.removeLink(id)
    ? { ok: true, value: { id } }
    : { ok: false, status: 404, message: `No link with id ${id}.` };
}

/** `PATCH /__sim/cases/<uuid or key>`: a new status and/or priority, as if changed in Datadog. */
export function changeCase(
  index: ScenarioIndex,
  idOrKey: string,
  body: unknown,
): EditResult<SimCase> {
  const parsed = caseChangeSchema.safeParse(body);
  if (!parsed.success) return invalid("case change", parsed.error);
  const found = index.findCase(idOrKey);
  if (!found) return { ok: false, status: 404, message: `No case ${idOrKey}.` };
  if (parsed.data.status) found.status = parsed.data.status;
  if (parsed.data.priority) found.priority = parsed.data.priority;
  return { ok: true, value: { ...found } };
}
