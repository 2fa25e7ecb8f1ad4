import { Semaphore } from "redis-semaphore";
import type { SharedSlots } from "../upstream/fair-gate";
import type { RedisConnection } from "./redis-connection";

export interface SharedSlotsOptions {
  prefix: string;
  /** Upstream calls in flight at once across every replica. */
  limit: number;
  /**
   * How long a slot is held at most. A replica that dies holding slots frees them after this;
   * it covers one upstream call's worst case (its waits included), so a live call never loses
   * its slot.
   */
  leaseMs: number;
  /** While slots are all taken, how often a waiting replica asks again without a release notice. */
  pollMs?: number;
}

interface Waiter {
  resolve: (release: () => void) => void;
}

/** Where the leases are: `redis-semaphore` puts `semaphore:` before the key it is given. */
export const sharedSlotsKey = (prefix: string) => `semaphore:${prefix}upstream:slots`;

/** A release that does nothing: the call went on this replica's own slots only. */
const LOCAL = () => {};

/**
 * The org's upstream slots counted across replicas: a counting semaphore in Redis
 * (`redis-semaphore`: a sorted set of leases, each expiring by itself) taken after this
 * replica's fair gate has picked the lookup, so fairness between clients stays local and the
 * total across replicas is the configured concurrency. Waiters are served in the order the gate
 * picked them; a release anywhere is announced so others ask again at once rather than poll.
 * Redis unusable, slow or answering nothing: the call goes on its local slot at once, never
 * waiting for Redis.
 */
export function createSharedUpstreamSlots(
  redis: RedisConnection,
  options: SharedSlotsOptions,
): SharedSlots {
  const key = `${options.prefix}upstream:slots`;
  const channel = `${options.prefix}upstream:slot-freed`;
  const pollMs = options.pollMs ?? 100;
  const waiters: Waiter[] = [];
  /** Leases whose release Redis did not take: released again once it answers. */
  const unreleased = new Set<Semaphore>();
  let pumping = false;
  let poll: NodeJS.Timeout | undefined;

  const lease = () =>
    redis.run((client) => {
      const semaphore = new Semaphore(client, key, options.limit, {
        lockTimeout: options.leaseMs,
        // One attempt: waiting is done here, in the gate's order, woken by release notices.
        acquireAttemptsLimit: 1,
        retryInterval: 0,
        // No background refresh: the lease covers the longest call, and a refresh failing
        // while Redis is away must not surface anywhere.
        refreshInterval: 0,
      });
      return semaphore.tryAcquire().then((taken) => (taken ? semaphore : null));
    });

  const releaser = (semaphore: Semaphore) => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      void release(semaphore);
    };
  };

  const release = async (semaphore: Semaphore) => {
    const done = await redis.run((c) => semaphore.release().then(() => c.publish(channel, "1")));
    if (done === undefined) unreleased.add(semaphore);
    else unreleased.delete(semaphore);
  };

  /** Everyone waiting goes on local slots: sharing is not possible right now. */
  const goLocal = () => {
    clearTimeout(poll);
    for (const waiter of waiters.splice(0)) waiter.resolve(LOCAL);
  };

  const pump = async () => {
    if (pumping) return;
    pumping = true;
    clearTimeout(poll);
    try {
      for (const semaphore of [...unreleased]) await release(semaphore);
      while (waiters.length > 0) {
        const taken = await lease();
        if (taken === undefined) return goLocal();
        if (taken === null) {
          // All taken: the next release notice (or the poll, should a notice be lost) asks again.
          poll = setTimeout(() => void pump(), pollMs);
          poll.unref();
          return;
        }
        const waiter = waiters.shift();
        if (waiter) waiter.resolve(releaser(taken));
        else void release(taken);
      }
    } finally {
      pumping = false;
    }
  };

  redis.subscribe(channel, () => {
    if (waiters.length > 0) void pump();
  });
  redis.onUnusable(goLocal);

  return {
    async acquire(deadlineAt, signal, late) {
      signal?.throwIfAborted();
      if (!redis.usable()) return LOCAL;
      // Nobody here waits already: one attempt, no queueing.
      if (waiters.length === 0 && !pumping) {
        const taken = await lease();
        if (taken === undefined) return LOCAL;
        if (taken) return releaser(taken);
      }
      return new Promise<() => void>((resolve, reject) => {
        const leave = () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
          const index = waiters.indexOf(waiter);
          if (index >= 0) waiters.splice(index, 1);
        };
        const onAbort = () => {
          leave();
          reject(signal?.reason);
        };
        const waiter: Waiter = {
          resolve: (release) => {
            leave();
            if (signal?.aborted || Date.now() > deadlineAt) {
              release();
              if (signal?.aborted) reject(signal.reason);
              else reject(late());
              return;
            }
            resolve(release);
          },
        };
        const timer = setTimeout(
          () => {
            leave();
            reject(late());
          },
          Math.max(0, deadlineAt - Date.now()),
        );
        signal?.addEventListener("abort", onAbort, { once: true });
        waiters.push(waiter);
        void pump();
      });
    },
  };
}
