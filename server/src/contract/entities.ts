/** The entity types a case link can join (DATADOG-API.md). */
export const ENTITY_TYPES = ["CASE", "INCIDENT", "PAGE", "AGENT_CONVERSATION"] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** Relationship types Datadog documents today; direction is always parent -> child. */
export const RELATIONSHIPS = [
  "BLOCKS",
  "CAUSES",
  "DUPLICATES",
  "RELATES_TO",
  "PARENT_OF",
  "SUCCESSOR_OF",
  "ESCALATES_TO",
] as const;
export type KnownRelationship = (typeof RELATIONSHIPS)[number];
/** The endpoint is a preview: unknown relationship values pass through as plain strings. */
export type Relationship = KnownRelationship | (string & {});

export const CASE_STATUSES = ["OPEN", "IN_PROGRESS", "CLOSED"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_PRIORITIES = ["NOT_DEFINED", "P1", "P2", "P3", "P4", "P5"] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];

export function isEntityType(value: string): value is EntityType {
  return (ENTITY_TYPES as readonly string[]).includes(value);
}

export function isKnownRelationship(value: string): value is KnownRelationship {
  return (RELATIONSHIPS as readonly string[]).includes(value);
}

/** A case key as Datadog shows it, e.g. `PROJ-123`. */
export const CASE_KEY_PATTERN = /^[A-Z][A-Z0-9_]{0,19}-[1-9][0-9]{0,9}$/;
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
