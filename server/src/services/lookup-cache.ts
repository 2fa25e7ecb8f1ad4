import { AppError } from "../errors";
import { withUpstreamScope } from "../upstream/upstream-scope";
import { type CacheEntry, type CacheStore, createMemoryStore } from "./cache-store";

export interface LookupCacheOptions {
  /** How long an answer is fresh. */
  ttlMs: number;
  /** How long a "not found" is believed. */
  notFoundTtlMs: number;
  /** How long the last good answer is kept to serve when a refetch fails. */
  staleKeepMs: number;
  maxEntries: number;
  maxBytes: number;
  /** Replaces the in-memory store (a shared tier). */
  store?: CacheStore<object>;
}

/** What a lookup asks with; all optional so internal callers can ask plainly. */
export interface LookupOptions {
  /** Charged for the upstream call, if one is made. */
  clientId?: string;
  /** The asker hung up: stop waiting, and drop the upstream call unless someone else waits. */
  signal?: AbortSignal;
  /** Skip a cached answer and go back to the upstream. */
  fresh?: boolean;
}

/** Set when the answer is the last good one because refetching it failed. */
export interface StaleMeta {
  stale: true;
  /** ISO time of the last good read. */
  as_of: string;
}

export interface Cached<V> {
  value: V;
  stale?: StaleMeta;
}

interface Flight<V> {
  promise: Promise<V>;
  controller: AbortController;
  /** Callers waiting; a background refresh counts as one that never leaves. */
  waiting: number;
}

const isNotFound = (error: unknown): error is AppError =>
  error instanceof AppError && error.status === 404;

/**
 * A bounded cache that never makes an answer worse: simultaneous lookups of one key share one
 * upstream call; an answer past its time is served at once while it is refetched in the
 * background (stale-while-revalidate); when a refetch fails, the last good answer stays and is
 * served marked stale, and only the one who asked for the refetch gets the error; "not found"
 * is cached briefly. A shared call is aborted only when every caller has hung up.
 */
export class LookupCache<V extends object> {
  readonly #options: LookupCacheOptions;
  readonly #store: CacheStore<V>;
  readonly #flights = new Map<string, Flight<V>>();

  constructor(options: LookupCacheOptions) {
    this.#options = options;
    this.#store = (options.store as CacheStore<V> | undefined) ?? createMemoryStore<V>(options);
  }

  async get(key: string, load: () => Promise<V>, options: LookupOptions = {}): Promise<Cached<V>> {
    options.signal?.throwIfAborted();
    const entry = this.#store.get(key);
    const now = Date.now();
    if (entry && !options.fresh) {
      const age = now - entry.at;
      if (entry.notFound !== undefined && age < this.#options.notFoundTtlMs) {
        throw new AppError(404, "not_found", entry.notFound);
      }
      if (entry.value !== undefined) {
        if (age < this.#options.ttlMs) return this.#answer(entry.value, entry);
        // Past its time but within one more lifetime: answer now, refetch for the next reader.
        if (age < 2 * this.#options.ttlMs) {
          this.#background(key, load, options.clientId);
          return this.#answer(entry.value, entry);
        }
      }
    }
    try {
      return { value: await this.#join(key, load, options) };
    } catch (error) {
      // Stale-if-error: a reader who did not ask for a refetch gets the last good answer.
      const kept = this.#store.get(key);
      if (!options.fresh && !isNotFound(error) && kept?.value !== undefined && kept.failedAt) {
        if (!options.signal?.aborted) return this.#answer(kept.value, kept);
      }
      throw error;
    }
  }

  /** The cached value, fresh or not (tests, and lookups by key reusing the label). */
  peek(key: string): V | undefined {
    return this.#store.get(key)?.value;
  }

  set(key: string, value: V): void {
    this.#store.set(key, { value, at: Date.now() }, this.#keepMs());
  }

  delete(key: string): void {
    this.#store.delete(key);
  }

  /** Forgets every answer, and the calls in flight (their callers still get them). */
  clear(): void {
    this.#store.clear();
    this.#flights.clear();
  }

  get size(): number {
    return this.#store.size;
  }

  get calculatedBytes(): number {
    return this.#store.calculatedBytes;
  }

  /** Upstream calls this cache has in flight (tests). */
  get inFlight(): number {
    return this.#flights.size;
  }

  #keepMs(): number {
    return this.#options.ttlMs + this.#options.staleKeepMs;
  }

  #answer(value: V, entry: CacheEntry<V>): Cached<V> {
    if (entry.failedAt === undefined) return { value };
    return { value, stale: { stale: true, as_of: new Date(entry.at).toISOString() } };
  }

  #background(key: string, load: () => Promise<V>, clientId: string | undefined): void {
    if (this.#flights.has(key)) return;
    const flight = this.#start(key, load, clientId);
    flight.waiting++;
    flight.promise.catch(() => undefined);
  }

  #start(key: string, load: () => Promise<V>, clientId: string | undefined): Flight<V> {
    const controller = new AbortController();
    const scope = {
      clientId: clientId ?? "casegraph:system",
      signal: controller.signal,
      askedAt: Date.now(),
    };
    const promise = withUpstreamScope(scope, load).then(
      (value) => {
        this.#store.set(key, { value, at: Date.now() }, this.#keepMs());
        return value;
      },
      (error: unknown) => {
        if (controller.signal.aborted) throw error;
        if (isNotFound(error)) {
          // Deleted or never there: believed for a short while, and no stale copy outlives it.
          this.#store.set(
            key,
            { notFound: error.message, at: Date.now() },
            this.#options.notFoundTtlMs,
          );
        } else {
          const kept = this.#store.get(key);
          if (kept?.value !== undefined) {
            this.#store.set(key, { ...kept, failedAt: Date.now() }, this.#keepMs());
          }
        }
        throw error;
      },
    );
    const flight: Flight<V> = { promise, controller, waiting: 0 };
    this.#flights.set(key, flight);
    const done = () => {
      if (this.#flights.get(key) === flight) this.#flights.delete(key);
    };
    promise.then(done, done);
    return flight;
  }

  #join(key: string, load: () => Promise<V>, options: LookupOptions): Promise<V> {
    const current = this.#flights.get(key);
    // A call everyone left is on its way out: start afresh rather than join its abort.
    const flight =
      current && !current.controller.signal.aborted
        ? current
        : this.#start(key, load, options.clientId);
    flight.waiting++;
    const { signal } = options;
    if (!signal) {
      return flight.promise.finally(() => {
        flight.waiting--;
      });
    }
    return new Promise<V>((resolve, reject) => {
      let left = false;
      const leave = () => {
        if (left) return;
        left = true;
        flight.waiting--;
        signal.removeEventListener("abort", onAbort);
      };
      const onAbort = () => {
        leave();
        // Nobody else waits for this answer: stop the upstream call (or its place in the queue).
        if (flight.waiting === 0) flight.controller.abort(signal.reason);
        reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      flight.promise.then(
        (value) => {
          leave();
          resolve(value);
        },
        (error: unknown) => {
          leave();
          reject(error);
        },
      );
    });
  }
}
