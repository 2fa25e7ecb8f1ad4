import { z } from "zod";
import { CASE_KEY_PATTERN, ENTITY_TYPES, type EntityType, UUID_PATTERN } from "../contract";
import { badRequest } from "../errors";

const MAX_PARAM_LENGTH = 100;
const RELATIONSHIP_PATTERN = /^[A-Z][A-Z_]{0,39}$/;

/** Echo user input safely: control characters shown escaped, long values cut. */
export function printable(value: string): string {
  const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return shown.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping them is the point
    /[\u0000-\u001f\u007f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

const got = (input: unknown) => `got "${printable(String(input))}"`;

/** One query value: given once, a plain string, not too long (and not empty when required). */
function single(name: string, required: boolean) {
  const value = z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `${name} is required.`
          : Array.isArray(issue.input)
            ? `${name} must be given once, not ${issue.input.length} times.`
            : `${name} must be a plain value.`,
    })
    .max(MAX_PARAM_LENGTH, {
      error: (issue) =>
        `${name} is too long (${String(issue.input).length} characters; at most ${MAX_PARAM_LENGTH}).`,
    });
  return required ? value.min(1, { error: `${name} is required.` }) : value;
}

/**
 * Parses one parameter; every refusal names the parameter and what was wrong (the first problem
 * found), and happens before any upstream call.
 */
function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(result.error.issues[0]?.message ?? "Bad parameter.");
  return result.data;
}

export function singleParam(name: string, value: unknown, required: true): string;
export function singleParam(name: string, value: unknown, required: false): string | undefined;
export function singleParam(name: string, value: unknown, required: boolean): string | undefined {
  if (!required && value === undefined) return undefined;
  return parse(single(name, required), value);
}

export function entityTypeParam(name: string, value: unknown): EntityType {
  return parse(
    single(name, true).pipe(
      z.enum(ENTITY_TYPES, {
        error: (issue) => `${name} must be one of ${ENTITY_TYPES.join(", ")}, ${got(issue.input)}.`,
      }),
    ),
    value,
  );
}

export function uuidParam(name: string, value: unknown): string {
  return parse(
    single(name, true)
      .regex(UUID_PATTERN, { error: (issue) => `${name} must be a UUID, ${got(issue.input)}.` })
      .transform((raw) => raw.toLowerCase()),
    value,
  );
}

/** A case is addressed by UUID (sent on in its canonical lowercase form) or by key (`PROJ-123`). */
export function caseIdParam(name: string, value: unknown): string {
  return parse(
    single(name, true)
      .refine((raw) => UUID_PATTERN.test(raw) || CASE_KEY_PATTERN.test(raw), {
        error: (issue) =>
          `${name} must be a case UUID or a case key like PROJ-123, ${got(issue.input)}.`,
      })
      .transform((raw) => (UUID_PATTERN.test(raw) ? raw.toLowerCase() : raw)),
    value,
  );
}

export function relationshipParam(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return parse(
    single(name, false).regex(RELATIONSHIP_PATTERN, {
      error: (issue) => `${name} must be a relationship type such as BLOCKS, ${got(issue.input)}.`,
    }),
    value,
  );
}

export function onlyParams(query: Record<string, unknown>, allowed: readonly string[]): void {
  const takes = allowed.length > 0 ? `takes ${allowed.join(", ")}` : "takes no query parameters";
  parse(
    z.array(
      z.enum(allowed as [string, ...string[]], {
        error: (issue) =>
          `Unknown parameter "${printable(String(issue.input))}"; this endpoint ${takes}.`,
      }),
    ),
    Object.keys(query),
  );
}
