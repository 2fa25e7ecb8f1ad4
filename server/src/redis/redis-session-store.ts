import session, { type SessionData } from "express-session";
import { LRUCache } from "lru-cache";
import {
  LruSessionStore,
  type LruSessionStoreOptions,
  sessionTtlMs,
} from "../auth/lru-session-store";
import type { RedisConnection } from "./redis-connection";

export interface RedisSessionStoreOptions extends LruSessionStoreOptions {
  /** Every session key starts with this. */
  prefix: string;
}

type Callback = (err?: unknown) => void;

/**
 * express-session's store in Redis, so a person signed in through one replica is signed in on
 * all. Every write also goes to this replica's own LRU store, which answers while Redis does not
 * (down, slow, restarting), so a Redis blip signs no one out. A session written while Redis was
 * away is written to Redis the next time it is read once Redis answers again.
 *
 * A small adapter over the BFF's ioredis connection rather than `connect-redis`, whose v10
 * speaks node-redis's API: every call is bounded by the connection's command timeout.
 */
export class RedisSessionStore extends session.Store {
  readonly #redis: RedisConnection;
  readonly #prefix: string;
  readonly #ttlMs: number;
  readonly #local: LruSessionStore;
  /** Sessions written while Redis did not answer: Redis does not know them yet. */
  readonly #unshared: LRUCache<string, true>;

  constructor(redis: RedisConnection, options: RedisSessionStoreOptions) {
    super();
    this.#redis = redis;
    this.#prefix = options.prefix;
    this.#ttlMs = options.ttlMs;
    this.#local = new LruSessionStore(options);
    this.#unshared = new LRUCache<string, true>({ max: options.maxSessions, ttl: options.ttlMs });
  }

  override get(sid: string, callback: (err: unknown, session?: SessionData | null) => void): void {
    void this.#get(sid).then(
      (data) => callback(null, data),
      (error: unknown) => callback(error),
    );
  }

  override set(sid: string, data: SessionData, callback?: Callback): void {
    this.#local.set(sid, data);
    void this.#share(sid, data).then(() => callback?.());
  }

  override destroy(sid: string, callback?: Callback): void {
    this.#local.destroy(sid);
    this.#unshared.delete(sid);
    // While Redis is away the session stays there until its expiry: other replicas may still
    // accept it for that long (said in the README).
    void this.#redis.run((c) => c.del(this.#key(sid))).then(() => callback?.());
  }

  /** Extends an active session's life in both places without writing its data. */
  override touch(sid: string, data: SessionData, callback?: () => void): void {
    this.#local.touch(sid, data);
    void this.#redis
      .run((c) => c.pexpire(this.#key(sid), this.#ttlOf(data)))
      .then(() => callback?.());
  }

  async #get(sid: string): Promise<SessionData | null> {
    const raw = await this.#redis.run((c) => c.get(this.#key(sid)));
    const local = await new Promise<SessionData | null>((resolve) =>
      this.#local.get(sid, (_err, found) => resolve(found ?? null)),
    );
    // Redis did not answer: this replica's copy is the best there is.
    if (raw === undefined) return local;
    if (raw !== null) {
      const data = JSON.parse(raw) as SessionData;
      // Kept current so that a later Redis blip answers what the other replicas last wrote.
      this.#local.set(sid, data);
      return data;
    }
    // Redis has no such session. A copy written here while Redis was away is shared now; any
    // other local copy is of a session that ended (signed out on another replica, or expired).
    if (local && this.#unshared.has(sid)) {
      await this.#share(sid, local);
      return local;
    }
    this.#local.destroy(sid);
    return null;
  }

  async #share(sid: string, data: SessionData): Promise<void> {
    const stored = await this.#redis.run((c) =>
      c.set(this.#key(sid), JSON.stringify(data), "PX", this.#ttlOf(data)),
    );
    if (stored === "OK") this.#unshared.delete(sid);
    else this.#unshared.set(sid, true);
  }

  #key(sid: string): string {
    return `${this.#prefix}${sid}`;
  }

  #ttlOf(data: SessionData): number {
    return sessionTtlMs(data, this.#ttlMs);
  }
}
