import { randomUUID } from "node:crypto";
import type { RedisConnection } from "./redis-connection";

export interface CoalescerOptions {
  /** Lock and channel names start with this. */
  prefix: string;
  /**
   * How long a lock lives if its holder never releases it (a replica that died mid-call), and
   * how long a waiter waits for the answer before it reads the upstream itself.
   */
  lockMs: number;
}

export interface CoalescedLoad {
  /** Reads the upstream and returns the answer serialised, as others will receive it. */
  load(): Promise<string>;
  /** Looks for an answer another replica finished meanwhile (it is stored before announced). */
  recheck(): Promise<string | undefined>;
}

type Announcement = { k: string; v?: string };

/** Compare-and-delete: only the holder's own token releases a lock. */
const RELEASE =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";

/**
 * In-flight coalescing across replicas: the first replica to ask for a key takes a short lock
 * (`SET NX PX`) and reads the upstream; the others wait for its answer on a pub/sub channel.
 * A waiter reads the upstream itself when the holder fails, when the lock runs out, or as
 * soon as Redis becomes unusable, so waiting never turns into a failed answer.
 */
export interface RedisCoalescer {
  run(key: string, lookup: CoalescedLoad): Promise<string>;
  /** Keys this replica waits for right now. */
  waiting(): number;
}

export function createRedisCoalescer(
  redis: RedisConnection,
  options: CoalescerOptions,
): RedisCoalescer {
  const channel = `${options.prefix}done`;
  const waiters = new Map<string, Set<(answer: string | undefined) => void>>();

  const settle = (key: string, answer: string | undefined) => {
    const list = waiters.get(key);
    if (!list) return;
    waiters.delete(key);
    for (const resolve of list) resolve(answer);
  };

  redis.subscribe(channel, (message) => {
    let announcement: Announcement;
    try {
      announcement = JSON.parse(message) as Announcement;
    } catch {
      return;
    }
    if (typeof announcement.k === "string") settle(announcement.k, announcement.v);
  });
  // Nobody will announce while Redis is away: every waiter reads the upstream itself.
  redis.onUnusable(() => {
    for (const key of [...waiters.keys()]) settle(key, undefined);
  });

  /** Resolves with the announced answer, or undefined when the wait is over without one. */
  const awaitAnnouncement = (key: string) => {
    let resolve: (answer: string | undefined) => void = () => {};
    const answer = new Promise<string | undefined>((r) => {
      resolve = r;
    });
    const timer = setTimeout(() => {
      waiters.get(key)?.delete(resolve);
      resolve(undefined);
    }, options.lockMs);
    timer.unref();
    const list = waiters.get(key) ?? new Set();
    list.add(resolve);
    waiters.set(key, list);
    const cancel = () => {
      clearTimeout(timer);
      list.delete(resolve);
      if (list.size === 0 && waiters.get(key) === list) waiters.delete(key);
    };
    return {
      answer: answer.finally(() => clearTimeout(timer)),
      cancel,
    };
  };

  const announce = (key: string, value: string | undefined) =>
    redis.publish(channel, JSON.stringify(value === undefined ? { k: key } : { k: key, v: value }));

  return {
    waiting: () => waiters.size,
    async run(key, lookup) {
      if (!redis.usable()) return lookup.load();
      const lockKey = `${options.prefix}lock:${key}`;
      const token = randomUUID();
      // Listen before trying the lock, so an answer announced in between is not missed.
      const wait = awaitAnnouncement(key);
      const taken = await redis.run((c) => c.set(lockKey, token, "PX", options.lockMs, "NX"));
      if (taken === "OK" || taken === undefined) {
        // Ours (or Redis is unusable: then nobody shares and we read the upstream).
        wait.cancel();
        try {
          // The lock may be free because a holder just finished: its answer is then stored,
          // and reading the upstream again would be a second call for one answer.
          const stored = taken === "OK" ? await lookup.recheck() : undefined;
          if (stored !== undefined) return stored;
          const value = await lookup.load();
          if (taken === "OK") await announce(key, value);
          return value;
        } catch (error) {
          if (taken === "OK") await announce(key, undefined);
          throw error;
        } finally {
          if (taken === "OK") await redis.run((c) => c.eval(RELEASE, 1, lockKey, token));
        }
      }
      const finished = await lookup.recheck();
      if (finished !== undefined) {
        wait.cancel();
        return finished;
      }
      const announced = await wait.answer;
      // No answer (the holder failed, died, or Redis went away): read the upstream ourselves.
      return announced ?? lookup.load();
    },
  };
}
