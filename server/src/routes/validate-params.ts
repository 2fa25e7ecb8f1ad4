import {
  CASE_KEY_PATTERN,
  ENTITY_TYPES,
  type EntityType,
  isEntityType,
  UUID_PATTERN,
} from "../contract";
import { badRequest } from "../errors";

const MAX_PARAM_LENGTH = 100;
const RELATIONSHIP_PATTERN = /^[A-Z][A-Z_]{0,39}$/;

type QueryValue = unknown;

/**
 * Every refusal names the parameter and what was wrong, and happens before any upstream call.
 */
export function singleParam(name: string, value: QueryValue, required: true): string;
export function singleParam(name: string, value: QueryValue, required: false): string | undefined;
export function singleParam(
  name: string,
  value: QueryValue,
  required: boolean,
): string | undefined {
  if (value === undefined) {
    if (required) throw badRequest(`${name} is required.`);
    return undefined;
  }
  if (Array.isArray(value))
    throw badRequest(`${name} must be given once, not ${value.length} times.`);
  if (typeof value !== "string") throw badRequest(`${name} must be a plain value.`);
  if (value.length > MAX_PARAM_LENGTH) {
    throw badRequest(
      `${name} is too long (${value.length} characters; at most ${MAX_PARAM_LENGTH}).`,
    );
  }
  if (required && value === "") throw badRequest(`${name} is required.`);
  return value;
}

export function entityTypeParam(name: string, value: QueryValue): EntityType {
  const raw = singleParam(name, value, true);
  if (!isEntityType(raw)) {
    throw badRequest(`${name} must be one of ${ENTITY_TYPES.join(", ")}, got "${printable(raw)}".`);
  }
  return raw;
}

export function uuidParam(name: string, value: QueryValue): string {
  const raw = singleParam(name, value, true);
  if (!UUID_PATTERN.test(raw)) throw badRequest(`${name} must be a UUID, got "${printable(raw)}".`);
  return raw.toLowerCase();
}

/** A case is addressed by UUID or by key (`PROJ-123`). */
export function caseIdParam(name: string, value: QueryValue): string {
  const raw = singleParam(name, value, true);
  if (UUID_PATTERN.test(raw)) return raw.toLowerCase();
  if (CASE_KEY_PATTERN.test(raw)) return raw;
  throw badRequest(
    `${name} must be a case UUID or a case key like PROJ-123, got "${printable(raw)}".`,
  );
}

export function relationshipParam(name: string, value: QueryValue): string | undefined {
  const raw = singleParam(name, value, false);
  if (raw === undefined) return undefined;
  if (!RELATIONSHIP_PATTERN.test(raw)) {
    throw badRequest(
      `${name} must be a relationship type such as BLOCKS, got "${printable(raw)}".`,
    );
  }
  return raw;
}

export function onlyParams(query: Record<string, unknown>, allowed: readonly string[]): void {
  for (const name of Object.keys(query)) {
    if (!allowed.includes(name)) {
      const takes =
        allowed.length > 0 ? `takes ${allowed.join(", ")}` : "takes no query parameters";
      throw badRequest(`Unknown parameter "${printable(name)}"; this endpoint ${takes}.`);
    }
  }
}

/** Echo user input safely: control characters shown escaped, long values cut. */
export function printable(value: string): string {
  const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return shown.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping them is the point
    /[\u0000-\u001f\u007f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
