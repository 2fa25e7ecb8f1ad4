import { UpstreamFailure } from "./upstream-failure";

export interface FairGateOptions {
  /** Upstream calls in flight at once. */
  concurrency: number;
  /** Lookups one client may have waiting for a slot; past it they are refused at once. */
  queueMaxPerClient: number;
  /** A lookup that has not started this long after it was asked for is answered 503. */
  startWithinMs: number;
  /**
   * Slots one client may hold while another client uses the gate too (default: a quarter of
   * `concurrency`, at least 16): a flood's calls then cost the process a bounded share of its
   * time, so others' lookups are not held up behind its answers in the event loop. A client
   * alone (one person expanding a big graph) has every slot.
   */
  activeMaxPerClient?: number;
  /**
   * Slots shared with other replicas, taken once this gate has picked the lookup: fairness
   * between clients stays here, the total is counted across replicas.
   */
  shared?: SharedSlots;
}

/** Upstream slots counted across replicas (Redis). */
export interface SharedSlots {
  /**
   * Resolves with the slot's release once one is held, or at once with a release that does
   * nothing when slots cannot be shared right now (the call goes on this replica's slot only).
   * Rejects with the signal's reason on hang-up, and with `late()` when no slot is free by
   * `deadlineAt`.
   */
  acquire(
    deadlineAt: number,
    signal: AbortSignal | undefined,
    late: () => Error,
  ): Promise<() => void>;
}

/** Another client asked within this long: the slots are shared, each client holds its share. */
export const SHARING_WINDOW_MS = 2_000;

/** The readiness probe's calls do not make the slots shared. */
const UNCOUNTED_CLIENT = "casegraph:system";

/** A queued lookup: `start` is undefined once it has left (hung up, timed out or started). */
interface Waiter {
  start: (() => void) | undefined;
}

/** One client's waiters in order; left waiters are skipped when reached, so leaving is O(1). */
interface ClientQueue {
  waiters: Waiter[];
  head: number;
  /** Waiters still waiting. */
  live: number;
}

/**
 * The upstream slots, shared fairly: each client has its own queue and free slots go round
 * the clients in turn, so one client's thousands of queued lookups delay another's by at most
 * one round of the others. Every wait is bounded (queue length and start deadline) and ends
 * when the caller hangs up; while clients share the slots none holds more than its share.
 */
export class FairGate {
  readonly #options: FairGateOptions;
  readonly #activeMax: number;
  /** Clients with waiters; insertion order is the round-robin order (served → back). */
  readonly #queues = new Map<string, ClientQueue>();
  /** When each client last asked, oldest first. */
  readonly #seen = new Map<string, number>();
  /** Slots each client holds (absent: none). */
  readonly #activeOf = new Map<string, number>();
  #active = 0;
  #pending = 0;

  constructor(options: FairGateOptions) {
    this.#options = options;
    this.#activeMax =
      options.activeMaxPerClient ??
      Math.min(options.concurrency, Math.max(16, Math.ceil(options.concurrency / 4)));
  }

  load(): { active: number; pending: number; clients: number } {
    return { active: this.#active, pending: this.#pending, clients: this.#queues.size };
  }

  /** Runs `task` in a slot once this client's turn comes. */
  async run<T>(
    clientId: string,
    askedAt: number,
    signal: AbortSignal | undefined,
    task: () => Promise<T>,
  ): Promise<T> {
    await this.#acquire(clientId, askedAt, signal);
    let release: (() => void) | undefined;
    try {
      release = await this.#options.shared?.acquire(
        askedAt + this.#options.startWithinMs,
        signal,
        () => this.#late(),
      );
      return await task();
    } finally {
      release?.();
      this.#release(clientId);
      this.#dispatch();
    }
  }

  #late(): UpstreamFailure {
    return new UpstreamFailure(
      "busy",
      `The lookup could not start within ${this.#options.startWithinMs} ms`,
      1,
    );
  }

  /** Whether `clientId` may take another slot now. */
  #underShare(clientId: string): boolean {
    const held = this.#activeOf.get(clientId) ?? 0;
    if (held < this.#activeMax) return true;
    const since = Date.now() - SHARING_WINDOW_MS;
    for (const [id, at] of this.#seen) {
      if (at >= since) break;
      this.#seen.delete(id);
    }
    // Alone (or only the probe besides): no share to keep to.
    return this.#seen.size <= (this.#seen.has(clientId) ? 1 : 0);
  }

  #take(clientId: string): void {
    this.#active++;
    this.#activeOf.set(clientId, (this.#activeOf.get(clientId) ?? 0) + 1);
  }

  #release(clientId: string): void {
    this.#active--;
    const held = (this.#activeOf.get(clientId) ?? 1) - 1;
    if (held > 0) this.#activeOf.set(clientId, held);
    else this.#activeOf.delete(clientId);
  }

  #acquire(clientId: string, askedAt: number, signal: AbortSignal | undefined): Promise<void> {
    signal?.throwIfAborted();
    if (clientId !== UNCOUNTED_CLIENT) {
      this.#seen.delete(clientId);
      this.#seen.set(clientId, Date.now());
    }
    const queue = this.#queues.get(clientId);
    // Free slots with others still waiting means they wait only because they hold their share.
    if (
      this.#active < this.#options.concurrency &&
      (queue?.live ?? 0) === 0 &&
      this.#underShare(clientId)
    ) {
      this.#take(clientId);
      return Promise.resolve();
    }
    const live = queue?.live ?? 0;
    if (live >= this.#options.queueMaxPerClient) {
      return Promise.reject(
        new UpstreamFailure(
          "client_queue_full",
          `This client already has ${live} lookups waiting for Datadog`,
          1,
        ),
      );
    }
    const waitMs = Math.max(0, askedAt + this.#options.startWithinMs - Date.now());
    return new Promise<void>((resolve, reject) => {
      const own = queue ?? { waiters: [], head: 0, live: 0 };
      if (!queue) this.#queues.set(clientId, own);
      const leave = () => {
        if (!waiter.start) return false;
        waiter.start = undefined;
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        own.live--;
        this.#pending--;
        if (own.live === 0 && this.#queues.get(clientId) === own) this.#queues.delete(clientId);
        return true;
      };
      const onAbort = () => {
        if (leave()) reject(signal?.reason);
      };
      const waiter: Waiter = {
        start: () => {
          leave();
          resolve();
        },
      };
      const timer = setTimeout(() => {
        if (!leave()) return;
        reject(this.#late());
      }, waitMs);
      signal?.addEventListener("abort", onAbort, { once: true });
      own.waiters.push(waiter);
      own.live++;
      this.#pending++;
    });
  }

  /** The next live waiter of `queue`, dropping the left ones before it. */
  #next(queue: ClientQueue): Waiter | undefined {
    while (queue.head < queue.waiters.length) {
      const waiter = queue.waiters[queue.head++];
      if (waiter?.start) {
        // Keep the array from growing without bound under a long flood.
        if (queue.head > 1_024 && queue.head * 2 > queue.waiters.length) {
          queue.waiters = queue.waiters.slice(queue.head);
          queue.head = 0;
        }
        return waiter;
      }
    }
    return undefined;
  }

  #dispatch(): void {
    // Each client at its share is passed over once per round; stop when a whole round is.
    let passed = 0;
    while (this.#active < this.#options.concurrency && this.#pending > 0) {
      if (passed >= this.#queues.size) return;
      const next = this.#queues.entries().next();
      if (next.done) return;
      const [clientId, queue] = next.value;
      // Served or passed over: this client goes to the back of the round.
      this.#queues.delete(clientId);
      this.#queues.set(clientId, queue);
      if (!this.#underShare(clientId)) {
        passed++;
        continue;
      }
      passed = 0;
      const waiter = this.#next(queue);
      if (!waiter?.start) {
        this.#queues.delete(clientId);
        continue;
      }
      this.#take(clientId);
      waiter.start();
    }
  }
}
