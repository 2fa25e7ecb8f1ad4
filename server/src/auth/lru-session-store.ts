import session, { type SessionData } from "express-session";
import { LRUCache } from "lru-cache";

export interface LruSessionStoreOptions {
  /** Most sessions held; the least recently used beyond it is forgotten (signed out). */
  maxSessions: number;
  /** Lifetime of a session without activity. */
  ttlMs: number;
}

/**
 * express-session's store in process memory, bounded in count and idle time, so sign-ins cannot
 * grow memory without limit. Sessions are kept as JSON, like a network store would, so a request
 * never shares objects with another; `RedisSessionStore` shares them between replicas.
 */
export class LruSessionStore extends session.Store {
  readonly #cache: LRUCache<string, string>;
  readonly #ttlMs: number;

  constructor(options: LruSessionStoreOptions) {
    super();
    this.#ttlMs = options.ttlMs;
    this.#cache = new LRUCache<string, string>({ max: options.maxSessions, ttl: options.ttlMs });
  }

  override get(sid: string, callback: (err: unknown, session?: SessionData | null) => void): void {
    const raw = this.#cache.get(sid);
    callback(null, raw === undefined ? null : (JSON.parse(raw) as SessionData));
  }

  override set(sid: string, data: SessionData, callback?: (err?: unknown) => void): void {
    this.#cache.set(sid, JSON.stringify(data), { ttl: this.#ttlOf(data) });
    callback?.();
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.#cache.delete(sid);
    callback?.();
  }

  /** Extends an active session's life without writing its data (a concurrent save wins). */
  override touch(sid: string, data: SessionData, callback?: () => void): void {
    const raw = this.#cache.get(sid);
    if (raw !== undefined) this.#cache.set(sid, raw, { ttl: this.#ttlOf(data) });
    callback?.();
  }

  get size(): number {
    return this.#cache.size;
  }

  #ttlOf(data: SessionData): number {
    return sessionTtlMs(data, this.#ttlMs);
  }
}

/**
 * How long a session has left: its cookie's max age (a live session), or until its cookie's
 * expiry (one read back from JSON), or `fallbackMs`.
 */
export function sessionTtlMs(data: SessionData, fallbackMs: number): number {
  const maxAge = data.cookie?.maxAge;
  if (typeof maxAge === "number" && maxAge > 0) return Math.round(maxAge);
  const expires = data.cookie?.expires ? new Date(data.cookie.expires).getTime() - Date.now() : 0;
  return expires > 0 ? Math.round(expires) : fallbackMs;
}
