import { UpstreamFailure } from "./upstream-failure";

export interface FairGateOptions {
  /** Upstream calls in flight at once. */
  concurrency: number;
  /** Lookups one client may have waiting for a slot; past it they are refused at once. */
  queueMaxPerClient: number;
  /** A lookup that has not started this long after it was asked for is answered 503. */
  startWithinMs: number;
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

interface Waiter {
  start: () => void;
}

/**
 * The upstream slots, shared fairly: each client has its own queue and free slots go round
 * the clients in turn, so one client's thousands of queued lookups delay another's by at most
 * one round of the others. Every wait is bounded (queue length and start deadline) and ends
 * when the caller hangs up.
 */
export class FairGate {
  readonly #options: FairGateOptions;
  /** Insertion order is the round-robin order: a served client moves to the back. */
  readonly #queues = new Map<string, Waiter[]>();
  #active = 0;
  #pending = 0;

  constructor(options: FairGateOptions) {
    this.#options = options;
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
      this.#active--;
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

  #acquire(clientId: string, askedAt: number, signal: AbortSignal | undefined): Promise<void> {
    signal?.throwIfAborted();
    if (this.#active < this.#options.concurrency && this.#pending === 0) {
      this.#active++;
      return Promise.resolve();
    }
    const queue = this.#queues.get(clientId) ?? [];
    if (queue.length >= this.#options.queueMaxPerClient) {
      return Promise.reject(
        new UpstreamFailure(
          "client_queue_full",
          `This client already has ${queue.length} lookups waiting for Datadog`,
          1,
        ),
      );
    }
    const waitMs = Math.max(0, askedAt + this.#options.startWithinMs - Date.now());
    return new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const leave = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        const list = this.#queues.get(clientId);
        const index = list?.indexOf(waiter) ?? -1;
        if (list && index >= 0) {
          list.splice(index, 1);
          this.#pending--;
          if (list.length === 0) this.#queues.delete(clientId);
        }
      };
      const onAbort = () => {
        leave();
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        start: () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      timer = setTimeout(() => {
        leave();
        reject(this.#late());
      }, waitMs);
      signal?.addEventListener("abort", onAbort, { once: true });
      queue.push(waiter);
      this.#pending++;
      if (!this.#queues.has(clientId)) this.#queues.set(clientId, queue);
    });
  }

  #dispatch(): void {
    while (this.#active < this.#options.concurrency && this.#pending > 0) {
      const next = this.#queues.entries().next();
      if (next.done) return;
      const [clientId, queue] = next.value;
      const waiter = queue.shift();
      // Served: this client goes to the back of the round.
      this.#queues.delete(clientId);
      if (queue.length > 0) this.#queues.set(clientId, queue);
      if (!waiter) continue;
      this.#pending--;
      this.#active++;
      waiter.start();
    }
  }
}
