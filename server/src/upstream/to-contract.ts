import type { v2 } from "@datadog/datadog-api-client";
import type { Link } from "../contract";
import type { LinksAnswer } from "./datadog-client";
import { MalformedUpstreamBody } from "./map-upstream-error";

export interface CaseRecord {
  id: string;
  key?: string;
  title?: string;
  status?: string;
  priority?: string;
  assignee?: string;
  createdAt?: string;
}

export interface IncidentRecord {
  id: string;
  publicId?: number;
  title?: string;
  severity?: string;
  state?: string;
  createdAt?: string;
}

type Loose = Record<string, unknown>;

const isObject = (value: unknown): value is Loose => typeof value === "object" && value !== null;
const text = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined;

/** The client deserialises timestamps into Dates; a value it could not parse stays a string. */
function isoTime(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  const raw = text(value);
  if (raw === undefined) return undefined;
  const parsed = new Date(raw);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString();
}

/** The client wraps enum values it does not know in an UnparsedObject; keep them as strings. */
function enumText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (isObject(value) && "_data" in value) return text(value._data);
  return undefined;
}

/** Links as the BFF's snake_case contract; links without both ends cannot be drawn and are dropped. */
export function toLinks(response: v2.CaseLinksResponse): LinksAnswer {
  if (!isObject(response) || !Array.isArray(response.data)) {
    throw new MalformedUpstreamBody("links response without a data array");
  }
  const seen = new Set<string>();
  const links: Link[] = [];
  for (const item of response.data as unknown[]) {
    if (!isObject(item) || !isObject(item.attributes)) continue;
    const id = text(item.id);
    const a = item.attributes;
    const parentId = text(a.parentEntityId);
    const childId = text(a.childEntityId);
    const parentType = enumText(a.parentEntityType);
    const childType = enumText(a.childEntityType);
    const relationship = enumText(a.relationship);
    if (!id || !parentId || !childId || !parentType || !childType || !relationship) continue;
    if (seen.has(id)) continue;
    seen.add(id);
    links.push({
      id,
      type: "link",
      attributes: {
        parent_entity_id: parentId,
        parent_entity_type: parentType,
        child_entity_id: childId,
        child_entity_type: childType,
        relationship,
      },
    });
  }
  const extra = response.additionalProperties;
  const paging: Record<string, unknown> = {};
  if (isObject(extra)) {
    for (const member of ["links", "meta"]) {
      if (member in extra) paging[member] = extra[member];
    }
  }
  return Object.keys(paging).length > 0 ? { links, paging } : { links };
}

export function toCaseRecord(response: v2.CaseResponse): CaseRecord {
  const data: unknown = response?.data;
  if (!isObject(data) || !text(data.id)) {
    throw new MalformedUpstreamBody("case response without data.id");
  }
  const attributes = isObject(data.attributes) ? data.attributes : {};
  const record: CaseRecord = { id: String(data.id) };
  const key = text(attributes.key);
  const title = text(attributes.title);
  const status = enumText(attributes.status);
  const priority = enumText(attributes.priority);
  if (key) record.key = key;
  if (title) record.title = title;
  if (status) record.status = status;
  if (priority) record.priority = priority;
  const createdAt = isoTime(attributes.createdAt ?? attributes.created_at);
  if (createdAt) record.createdAt = createdAt;
  const assignee = assigneeName(data, response.additionalProperties);
  if (assignee) record.assignee = assignee;
  return record;
}

/** The assignee's name lives in the top-level `included` users, which the client keeps aside. */
function assigneeName(data: Loose, extra: Loose | undefined): string | undefined {
  const relationships = isObject(data.relationships) ? data.relationships : {};
  const assignee = isObject(relationships.assignee) ? relationships.assignee : undefined;
  const ref = assignee && isObject(assignee.data) ? assignee.data : undefined;
  const assigneeId = ref ? text(ref.id) : undefined;
  if (!assigneeId) return undefined;
  const included = extra && Array.isArray(extra.included) ? (extra.included as unknown[]) : [];
  for (const item of included) {
    if (isObject(item) && item.id === assigneeId && isObject(item.attributes)) {
      return (
        text(item.attributes.name) ?? text(item.attributes.email) ?? text(item.attributes.handle)
      );
    }
  }
  return undefined;
}

export function toIncidentRecord(response: v2.IncidentResponse): IncidentRecord {
  const data: unknown = response?.data;
  if (!isObject(data) || !text(data.id)) {
    throw new MalformedUpstreamBody("incident response without data.id");
  }
  const attributes = isObject(data.attributes) ? data.attributes : {};
  const record: IncidentRecord = { id: String(data.id) };
  if (typeof attributes.publicId === "number") record.publicId = attributes.publicId;
  const title = text(attributes.title);
  if (title) record.title = title;
  const fields = isObject(attributes.fields) ? attributes.fields : {};
  const severity = fieldValue(fields.severity) ?? enumText(attributes.severity);
  const state = fieldValue(fields.state) ?? text(attributes.state);
  if (severity) record.severity = severity;
  if (state) record.state = state;
  const createdAt = isoTime(attributes.created);
  if (createdAt) record.createdAt = createdAt;
  return record;
}

/** Incident fields are a oneOf the client may leave unparsed: read `.value` either way. */
function fieldValue(field: unknown): string | undefined {
  if (!isObject(field)) return undefined;
  if ("value" in field) return enumText(field.value);
  if (isObject(field._data)) return enumText(field._data.value);
  return undefined;
}
