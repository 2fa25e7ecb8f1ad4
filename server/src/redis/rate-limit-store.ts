import { createHash } from "node:crypto";
import { MemoryStore, type Options, type Store } from "express-rate-limit";
import { RedisStore } from "rate-limit-redis";
import type { RedisConnection } from "./redis-connection";

/**
 * A store for express-rate-limit that counts in Redis (`rate-limit-redis`), so a client's
 * limit holds across replicas, and counts in this replica's memory while Redis is unusable:
 * the limit then holds per replica instead of not at all.
 */
export function createRateLimitStore(redis: RedisConnection, prefix: string): Store {
  const shared = new RedisStore({
    prefix,
    sendCommand: async (...command: string[]) => {
      const [name = "", ...args] = command;
      // NOSCRIPT must reach the library, which then loads its script again.
      const answer = await redis.run((c) => c.call(name, ...args), { replyErrors: "throw" });
      if (answer !== undefined) return answer as string | number;
      // The library remembers the script's id from start-up; Redis's id is its SHA-1, so it
      // can be known without Redis, and an EVALSHA after Redis comes back loads it again.
      if (name.toUpperCase() === "SCRIPT" && args[0]?.toUpperCase() === "LOAD" && args[1])
        return createHash("sha1").update(args[1]).digest("hex");
      throw new Error("redis is unavailable");
    },
  });
  const local = new MemoryStore();
  const either = async <T>(sharedCall: () => Promise<T>, localCall: () => T | Promise<T>) => {
    if (redis.usable()) {
      try {
        return await sharedCall();
      } catch {
        // Fall through to this replica's own count.
      }
    }
    return localCall();
  };
  return {
    prefix,
    localKeys: false,
    async init(options: Options) {
      local.init(options);
      await shared.init(options);
    },
    increment: (key) =>
      either(
        () => shared.increment(key),
        () => local.increment(key),
      ),
    decrement: (key) =>
      either(
        () => shared.decrement(key),
        () => local.decrement(key),
      ),
    async resetKey(key) {
      await Promise.allSettled([shared.resetKey(key), local.resetKey(key)]);
    },
    shutdown: () => local.shutdown(),
  };
}
