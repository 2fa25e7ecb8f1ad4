import type { Fault } from "./knobs";

/** One Datadog-surface request as the simulator saw it. Key values are never kept. */
export interface RequestLogEntry {
  /** ISO 8601 time the request arrived. */
  at: string;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** The status sent, or 0 for a request left hanging. */
  status: number;
  /** The entity the request was about (path id or `entity_id`), when there is one. */
  entityId?: string;
  /** Both key headers were present (their values are not recorded). */
  hasKeys: boolean;
  /** The person a Bearer token read as (their user id; the token itself is never kept). */
  userId?: string;
  /** The fault or random failure applied, if any. */
  fault?: Fault;
}

export const DEFAULT_LOG_CAPACITY = 50_000;

/** Keeps the newest `capacity` entries so a long benchmark cannot grow memory without bound. */
export class RequestLog {
  readonly #capacity: number;
  #entries: RequestLogEntry[] = [];
  #start = 0;

  constructor(capacity = DEFAULT_LOG_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new Error(`Request log capacity must be a positive integer, got ${capacity}.`);
    }
    this.#capacity = capacity;
  }

  add(entry: RequestLogEntry): void {
    if (this.#entries.length < this.#capacity) {
      this.#entries.push(entry);
      return;
    }
    // Ring buffer: overwrite the oldest entry instead of shifting the whole array.
    this.#entries[this.#start] = entry;
    this.#start = (this.#start + 1) % this.#capacity;
  }

  /** Oldest first. */
  entries(): readonly RequestLogEntry[] {
    return [...this.#entries.slice(this.#start), ...this.#entries.slice(0, this.#start)];
  }

  clear(): void {
    this.#entries = [];
    this.#start = 0;
  }
}

/** Query names Datadog clients have used for keys; their values never reach the log. */
const KEY_PARAMETERS = new Set(["api_key", "application_key", "dd-api-key", "dd-application-key"]);

/** Turns URL search params into the log's shape: repeated names become arrays. */
export function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, raw] of params) {
    const value = KEY_PARAMETERS.has(name.toLowerCase()) ? "[redacted]" : raw;
    const seen = query[name];
    if (seen === undefined) query[name] = value;
    else query[name] = Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return query;
}
