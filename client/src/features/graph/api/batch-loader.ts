import {
  BATCH_MAX_ITEMS,
  type BatchLine,
  type BatchRequest,
  batchLineSchema,
  type EntityLabel,
  type EntityRef,
  type Link,
} from "@casegraph/server/contract";
import { answerFreshness } from "../../../lib/answer-freshness";
import { ApiError, fetchOk, networkError } from "../../../lib/api-client";
import { ndjsonLines } from "./ndjson-lines";

export interface LoadOptions {
  /** Read past the server's cache (`Cache-Control: no-cache`), as after a Refresh. */
  fresh?: boolean;
  /**
   * Links: hops the graph shows past this entity, and the most entities it shows. The lookup
   * socket passes them on so the server reads ahead (`AheadRef`); the batch route has no use
   * for them.
   */
  ahead?: number;
  cap?: number;
}

/** Per-entity lookups, whatever carries them (batch requests here, or the lookup socket). */
export interface BatchLoader {
  loadLinks(ref: EntityRef, options?: LoadOptions): Promise<Link[]>;
  loadLabel(ref: EntityRef, options?: LoadOptions): Promise<EntityLabel>;
  /**
   * After a Refresh: the next lookup of everything asked for so far asks the server to go back
   * to Datadog (`Cache-Control: no-cache`) instead of answering from its cache.
   */
  revalidateAll(): void;
}

export interface BatchLoaderOptions {
  /** Defaults to the global fetch, looked up at call time. */
  fetch?: typeof fetch;
  endpoint?: string;
  /** Items (links and entities together) per request. */
  maxItems?: number;
  /**
   * Batch requests in flight at once. A browser holds about six connections per host; past
   * this, lookups wait in the queue and leave together in the next request instead of queueing
   * for a connection one small request at a time.
   */
  maxInFlight?: number;
}

export type Kind = "links" | "entity";

export interface Item {
  kind: Kind;
  ref: EntityRef;
  key: string;
  promise: Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: ApiError): void;
}

/**
 * Collects every lookup asked for in the same macrotask, sends them as few batch requests, and
 * settles each lookup as soon as its NDJSON line arrives, so one slow entity delays no other.
 */
export function createBatchLoader(options: BatchLoaderOptions = {}): BatchLoader {
  const endpoint = options.endpoint ?? "/api/batch";
  const maxItems = Math.max(1, Math.floor(options.maxItems ?? BATCH_MAX_ITEMS));
  const maxInFlight = Math.max(1, Math.floor(options.maxInFlight ?? 4));
  let inFlight = 0;
  // Queued or sent and not answered yet: asking again joins the same lookup.
  const unanswered = new Map<string, Item>();
  const queue: Item[] = [];
  let flushScheduled = false;
  // Every lookup key sent so far, and those whose next lookup must bypass the server's cache.
  const sent = new Set<string>();
  let revalidate = new Set<string>();

  function load(kind: Kind, ref: EntityRef, options: LoadOptions = {}): Promise<unknown> {
    const key = itemKey(kind, ref.type, ref.id);
    if (options.fresh) revalidate.add(key);
    const existing = unanswered.get(key);
    if (existing) return existing.promise;
    const item = createItem(kind, { type: ref.type, id: ref.id }, key, () => {
      if (unanswered.get(key) === item) unanswered.delete(key);
    });
    unanswered.set(key, item);
    queue.push(item);
    scheduleFlush();
    return item.promise;
  }

  function scheduleFlush(): void {
    if (flushScheduled) return;
    flushScheduled = true;
    setTimeout(flush, 0);
  }

  function flush(): void {
    flushScheduled = false;
    while (queue.length > 0 && inFlight < maxInFlight) {
      const items = queue.splice(0, maxItems);
      const fresh = items.filter((item) => revalidate.delete(item.key));
      const cached = items.filter((item) => !fresh.includes(item));
      for (const [group, noCache] of [
        [cached, false],
        [fresh, true],
      ] as const) {
        if (group.length === 0) continue;
        for (const item of group) sent.add(item.key);
        inFlight++;
        void send(group, noCache).finally(() => {
          inFlight--;
          if (queue.length > 0) scheduleFlush();
        });
      }
    }
  }

  async function send(items: Item[], noCache: boolean): Promise<void> {
    const waiting = new Map(items.map((item) => [item.key, item]));
    const what = `POST ${endpoint}`;
    let status = 0;
    try {
      const response = await fetchOk(
        endpoint,
        {
          method: "POST",
          headers: {
            Accept: "application/x-ndjson",
            "Content-Type": "application/json",
            ...(noCache ? { "Cache-Control": "no-cache" } : {}),
          },
          body: JSON.stringify(requestBody(items)),
        },
        options.fetch ? { fetch: options.fetch } : {},
      );
      status = response.status;
      const lines = response.body
        ? ndjsonLines(response.body)
        : (await response.text()).split("\n").values();
      for await (const line of lines) deliver(line, waiting);
    } catch (error) {
      const failure =
        error instanceof ApiError ? error : networkError(`The answer to ${what} broke off`, error);
      for (const item of waiting.values()) item.reject(failure);
      return;
    }
    for (const item of waiting.values()) {
      item.reject(
        new ApiError({
          status,
          code: "invalid_response",
          message: `The answer to ${what} ended without the ${item.kind === "links" ? "links" : "label"} of ${item.ref.type} ${item.ref.id}.`,
        }),
      );
    }
  }

  return {
    loadLinks: (ref, loadOptions) => load("links", ref, loadOptions) as Promise<Link[]>,
    loadLabel: (ref, loadOptions) => load("entity", ref, loadOptions) as Promise<EntityLabel>,
    revalidateAll: () => {
      revalidate = new Set(sent);
    },
  };
}

function deliver(text: string, waiting: Map<string, Item>): void {
  const line = parseLine(text);
  // A line we cannot read or did not ask for is left out; its item fails when the stream ends.
  if (!line) return;
  let item = waiting.get(itemKey(line.kind, line.type, line.id));
  // A case asked for by key may be answered under its UUID: match it by the key it carries.
  if (!item && "data" in line && line.kind === "entity" && line.data.key) {
    item = waiting.get(itemKey("entity", line.type, line.data.key));
  }
  if (!item) return;
  waiting.delete(item.key);
  if ("error" in line) item.reject(new ApiError(line.error, line.error.retry_after_s));
  else {
    // A line served from the BFF's cache after a failed upstream read says so in its meta.
    answerFreshness.note(item.key, (line as { meta?: unknown }).meta);
    item.resolve(line.data);
  }
}

/** A line of the contract, or undefined for anything else (the batch's and the socket's). */
export function parseLine(text: string): BatchLine | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  // The contract's own schema; the value itself is kept (its links are checked where used).
  return batchLineSchema.safeParse(value).success ? (value as BatchLine) : undefined;
}

export function requestBody(items: Item[]): BatchRequest {
  const body: BatchRequest = {};
  const links = items.filter((item) => item.kind === "links").map((item) => item.ref);
  const entities = items.filter((item) => item.kind === "entity").map((item) => item.ref);
  if (links.length > 0) body.links = links;
  if (entities.length > 0) body.entities = entities;
  return body;
}

/** A lookup's promise with its settle functions, which also forget it (`onSettle`). */
export function createItem(kind: Kind, ref: EntityRef, key: string, onSettle: () => void): Item {
  let resolve!: (value: unknown) => void;
  let reject!: (error: ApiError) => void;
  const promise = new Promise<unknown>((res, rej) => {
    resolve = (value) => {
      onSettle();
      res(value);
    };
    reject = (error) => {
      onSettle();
      rej(error);
    };
  });
  return { kind, ref, key, promise, resolve, reject };
}

export function itemKey(kind: Kind, type: string, id: string): string {
  return `${kind}\u0000${type}\u0000${id}`;
}
