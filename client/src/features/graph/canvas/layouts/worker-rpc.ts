/** One request to a layout worker and its answer, matched by id. */
export interface WorkerRequest<Payload> {
  id: number;
  payload: Payload;
}

export type WorkerResponse<Result> =
  | { id: number; result: Result }
  | { id: number; error: string }
  /** Sent once, when the worker's script (its static imports included) has loaded. */
  | { ready: true }
  /** A request reached the worker but could not be read (messageerror): it has no id. */
  | { unreadable: true };

/**
 * The worker's side: says it has loaded, then answers every request with what `handle` returns,
 * or its error.
 */
export function serveWorkerRequests<Payload, Result>(
  handle: (payload: Payload) => Result | Promise<Result>,
): void {
  self.postMessage({ ready: true } satisfies WorkerResponse<Result>);
  self.onmessageerror = () =>
    self.postMessage({ unreadable: true } satisfies WorkerResponse<Result>);
  self.onmessage = async (event: MessageEvent<WorkerRequest<Payload>>) => {
    const { id, payload } = event.data;
    let response: WorkerResponse<Result>;
    try {
      response = { id, result: await handle(payload) };
    } catch (error) {
      response = { id, error: error instanceof Error ? error.message : String(error) };
    }
    self.postMessage(response);
  };
}

export interface WorkerCall<Payload, Result> {
  (payload: Payload): Promise<Result>;
  /** Starts the worker now, so the first call does not wait for it to load. */
  warm(): void;
}

/** A worker given up on: the calls that were waiting for it run on the page instead. */
class WorkerGaveUp extends Error {}

/**
 * A timer that fires this much later than it was due says the page's own thread was held up:
 * the worker's "ready" may be queued behind it, so the wait starts again instead of ending (at
 * most LATE_TIMER_RETRIES times, so a page that is always busy still gets its picture).
 */
const LATE_TIMER_MS = 1_000;
const LATE_TIMER_RETRIES = 3;

/**
 * The page's side: calls go to one lazily started worker; where there is no Worker (jsdom) or
 * it fails to start (e.g. a strict CSP), they run `fallback` on the page's thread instead. So
 * do the calls of a worker that has not loaded within `loadDeadlineMs`: a worker whose script
 * never arrives (a stalled proxy) fires no error, and the picture would otherwise never come.
 * Such a worker is ended, and every call after it runs on the page. A worker that has loaded is
 * never timed: its layouts have budgets of their own, a slow one is still off the page, and the
 * one chunk it may load later (fcose) has a deadline of its own (run-layout.ts).
 */
export function workerCall<Payload, Result>(
  name: string,
  start: () => Worker,
  fallback: (payload: Payload) => Result | Promise<Result>,
  loadDeadlineMs: number,
): WorkerCall<Payload, Result> {
  let worker: Worker | null = null;
  let broken = false;
  let nextId = 1;
  let loadTimer: ReturnType<typeof setTimeout> | undefined;
  const pending = new Map<number, { resolve: (r: Result) => void; reject: (e: Error) => void }>();

  /** Ends the worker for good; the calls waiting on it run on the page instead. */
  const giveUp = (why: string) => {
    broken = true;
    clearTimeout(loadTimer);
    worker?.terminate();
    worker = null;
    for (const request of pending.values()) request.reject(new WorkerGaveUp(why));
    pending.clear();
  };

  /**
   * A message between the page and the worker could not be read (either way): it carries no id,
   * so which call it was is unknown and that call would wait for ever. All waiting calls, and
   * every later one (whose messages would likely fail the same way), run on the page instead.
   */
  const unreadable = () => {
    console.warn(
      `casegraph: a message to or from the ${name} worker could not be read; laying out on the page instead`,
    );
    giveUp(`${name} worker message unreadable`);
  };

  const awaitLoad = (retries = LATE_TIMER_RETRIES) => {
    const due = performance.now() + loadDeadlineMs;
    loadTimer = setTimeout(() => {
      if (retries > 0 && performance.now() - due > LATE_TIMER_MS) {
        awaitLoad(retries - 1);
        return;
      }
      console.warn(
        `casegraph: the ${name} worker did not load within ${loadDeadlineMs / 1000} s; laying out on the page instead`,
      );
      giveUp(`${name} worker did not load`);
    }, loadDeadlineMs);
  };

  const getWorker = (): Worker | null => {
    if (broken || typeof Worker === "undefined") return null;
    if (worker) return worker;
    try {
      worker = start();
    } catch {
      broken = true;
      return null;
    }
    worker.onmessage = (event: MessageEvent<WorkerResponse<Result>>) => {
      const response = event.data;
      if ("ready" in response) {
        clearTimeout(loadTimer);
        return;
      }
      if ("unreadable" in response) {
        unreadable();
        return;
      }
      const request = pending.get(response.id);
      if (!request) return;
      pending.delete(response.id);
      if ("error" in response) request.reject(new Error(response.error));
      else request.resolve(response.result);
    };
    // A worker that cannot load stays broken; the calls in flight fall back.
    worker.onerror = () => giveUp(`${name} worker failed`);
    worker.onmessageerror = unreadable;
    awaitLoad();
    return worker;
  };

  const call = async (payload: Payload): Promise<Result> => {
    const target = getWorker();
    if (!target) return fallback(payload);
    try {
      return await new Promise<Result>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        const request: WorkerRequest<Payload> = { id, payload };
        try {
          target.postMessage(request);
        } catch {
          // A payload the worker cannot be sent (not cloneable): this call runs here instead.
          pending.delete(id);
          Promise.resolve()
            .then(() => fallback(payload))
            .then(resolve, reject);
        }
      });
    } catch (error) {
      // Only a call the worker was given up on runs here; a failure of the layout itself (in
      // the worker, or of a fallback already run here) is the caller's.
      if (error instanceof WorkerGaveUp) return fallback(payload);
      throw error;
    }
  };
  return Object.assign(call, { warm: () => void getWorker() });
}
