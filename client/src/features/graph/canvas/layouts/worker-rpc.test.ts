import { afterEach, describe, expect, it, vi } from "vitest";
import { layeredPositions } from "./fast-layered";
import { computeLayeredPositions } from "./layered-positions-client";
import { type WorkerRequest, type WorkerResponse, workerCall } from "./worker-rpc";

const input = {
  nodes: [
    { id: "a", width: 100, height: 40 },
    { id: "b", width: 100, height: 40 },
  ],
  edges: [{ source: "a", target: "b", relationship: "BLOCKS" }],
  roots: ["b"],
};

const DEADLINE_MS = 5_000;

/**
 * A worker that says it has loaded on the next tick and then answers each request on the next
 * tick with `answer`; or fails to load; or never loads ("silent"); `delayMs` delays answers.
 */
function fakeWorker(answer: (payload: number) => number | "fail" | "silent", delayMs = 0) {
  const started: FakeWorker[] = [];
  class FakeWorker {
    onmessage: ((event: MessageEvent<WorkerResponse<number>>) => void) | null = null;
    onerror: ((event: Event) => void) | null = null;
    onmessageerror: ((event: MessageEvent) => void) | null = null;
    terminated = false;
    constructor() {
      started.push(this);
      setTimeout(() => {
        if (answer(0) !== "silent" && answer(0) !== "fail") this.#send({ ready: true });
      });
    }
    postMessage(request: WorkerRequest<number>) {
      setTimeout(() => {
        const result = answer(request.payload);
        if (result === "silent") return;
        if (result === "fail") this.onerror?.(new Event("error"));
        else this.#send({ id: request.id, result });
      }, delayMs);
    }
    #send(data: WorkerResponse<number>) {
      if (!this.terminated) this.onmessage?.(new MessageEvent("message", { data }));
    }
    terminate() {
      this.terminated = true;
    }
  }
  return { started, start: () => new FakeWorker() as unknown as Worker };
}

/** On fake time, a worker that never says it has loaded; its warnings kept off the console. */
function silentWorker() {
  vi.useFakeTimers();
  vi.stubGlobal("Worker", class {});
  const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
  return { worker: fakeWorker(() => "silent"), warn };
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe("workerCall", () => {
  it("runs on the page's thread where there is no Worker, with the same result", async () => {
    expect(typeof Worker).toBe("undefined");
    await expect(computeLayeredPositions(input)).resolves.toEqual(layeredPositions(input));
  });

  it("runs a call whose payload cannot be sent to the worker on the page's thread", async () => {
    vi.stubGlobal("Worker", class {});
    const worker = fakeWorker((n) => n * 10);
    const start = () => {
      const target = worker.start();
      const send = target.postMessage.bind(target);
      // The worker cannot be sent 2 (as a payload holding a function could not be).
      target.postMessage = (request: WorkerRequest<number>) => {
        if (request.payload === 2) throw new DOMException("could not be cloned", "DataCloneError");
        send(request);
      };
      return target;
    };
    const call = workerCall("test", start, (n: number) => n + 0.5, DEADLINE_MS);
    await expect(call(2)).resolves.toBe(2.5);
    // The worker stays in use for what it can be sent.
    await expect(call(3)).resolves.toBe(30);
    expect(worker.started).toHaveLength(1);
  });

  it("sends each call to one worker and matches answers to calls", async () => {
    vi.stubGlobal("Worker", class {});
    const worker = fakeWorker((n) => n * 10);
    const call = workerCall("test", worker.start, () => -1, DEADLINE_MS);
    await expect(Promise.all([call(1), call(2), call(3)])).resolves.toEqual([10, 20, 30]);
    expect(worker.started).toHaveLength(1);
  });

  it("starts its worker when warmed, before any call, and calls then use that one", async () => {
    vi.stubGlobal("Worker", class {});
    const worker = fakeWorker((n) => n + 100);
    const call = workerCall("test", worker.start, () => -1, DEADLINE_MS);
    expect(worker.started).toHaveLength(0);
    call.warm();
    expect(worker.started).toHaveLength(1);
    await expect(call(1)).resolves.toBe(101);
    call.warm();
    expect(worker.started).toHaveLength(1);
  });

  it("falls back to the page's thread for good once the worker fails to load", async () => {
    vi.stubGlobal("Worker", class {});
    const worker = fakeWorker(() => "fail");
    const fallback = vi.fn((n: number) => n + 1);
    const call = workerCall("test", worker.start, fallback, DEADLINE_MS);
    await expect(call(1)).resolves.toBe(2);
    await expect(call(5)).resolves.toBe(6);
    expect(worker.started).toHaveLength(1);
    expect(worker.started[0]).toMatchObject({ terminated: true });
    expect(fallback).toHaveBeenCalledTimes(2);
  });

  it.each([
    ["an answer of the worker cannot be read (on the page)", "page"],
    ["a request cannot be read in the worker", "worker"],
  ] as const)("runs the waiting calls on the page when %s", async (_what, where) => {
    vi.stubGlobal("Worker", class {});
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const worker = fakeWorker((n) => n * 10);
    const start = () => {
      const target = worker.start();
      // The first request is answered; the second's message cannot be deserialised, so what
      // comes back carries no id to match: a messageerror here, or the worker's own report.
      const send = target.postMessage.bind(target);
      target.postMessage = (request: WorkerRequest<number>) => {
        if (request.payload !== 2) return send(request);
        setTimeout(() => {
          if (where === "page") target.onmessageerror?.(new MessageEvent("messageerror"));
          else
            target.onmessage?.(
              new MessageEvent("message", {
                data: { unreadable: true } satisfies WorkerResponse<number>,
              }),
            );
        });
      };
      return target;
    };
    const fallback = vi.fn((n: number) => n + 1);
    const call = workerCall("test", start, fallback, DEADLINE_MS);
    await expect(call(1)).resolves.toBe(10);
    // Two calls waiting when it happens: both run on the page.
    await expect(Promise.all([call(2), call(3)])).resolves.toEqual([3, 4]);
    expect(worker.started[0]).toMatchObject({ terminated: true });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("could not be read"));
    // Every later call runs on the page too.
    await expect(call(4)).resolves.toBe(5);
    expect(worker.started).toHaveLength(1);
  });

  it("falls back when the worker cannot even be constructed", async () => {
    vi.stubGlobal("Worker", class {});
    const call = workerCall(
      "test",
      () => {
        throw new Error("blocked by CSP");
      },
      (n: number) => n * 2,
      DEADLINE_MS,
    );
    await expect(call(4)).resolves.toBe(8);
  });

  it("runs on the page's thread when the worker has not loaded by the deadline, and ends it", async () => {
    const { worker, warn } = silentWorker();
    const fallback = vi.fn((n: number) => n * 3);
    const call = workerCall("test", worker.start, fallback, DEADLINE_MS);
    const answers: number[] = [];
    const both = Promise.all([call(1), call(2)]).then((results) => answers.push(...results));
    await vi.advanceTimersByTimeAsync(DEADLINE_MS - 1);
    // Until the deadline, the calls wait for the worker.
    expect(answers).toEqual([]);
    expect(fallback).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await both;
    expect(answers).toEqual([3, 6]);
    expect(worker.started[0]).toMatchObject({ terminated: true });
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining("test worker did not load within 5 s"),
    );
    // A worker given up on is not started again: later calls run on the page at once.
    await expect(call(4)).resolves.toBe(12);
    expect(worker.started).toHaveLength(1);
  });

  it("keeps a worker that has loaded, however long its answers take", async () => {
    vi.useFakeTimers();
    vi.stubGlobal("Worker", class {});
    const worker = fakeWorker((n) => n + 1, DEADLINE_MS * 3);
    const fallback = vi.fn((n: number) => -n);
    const call = workerCall("test", worker.start, fallback, DEADLINE_MS);
    const answer = call(1);
    await vi.advanceTimersByTimeAsync(DEADLINE_MS * 3);
    await expect(answer).resolves.toBe(2);
    expect(fallback).not.toHaveBeenCalled();
    expect(worker.started[0]).toMatchObject({ terminated: false });
  });

  it("waits again when its timer fired late because the page itself was held up", async () => {
    const { worker } = silentWorker();
    const call = workerCall("test", worker.start, (n: number) => n * 3, DEADLINE_MS);
    // The page's clock runs 2 s ahead of the timers: each deadline fires 2 s late.
    const now = performance.now.bind(performance);
    let held = 0;
    vi.spyOn(performance, "now").mockImplementation(() => now() + held);
    const answer = call(1);
    held = 2_000;
    await vi.advanceTimersByTimeAsync(DEADLINE_MS);
    expect(worker.started[0]).toMatchObject({ terminated: false });
    // A timer on time ends the wait.
    held = 0;
    await vi.advanceTimersByTimeAsync(DEADLINE_MS);
    await expect(answer).resolves.toBe(3);
    expect(worker.started[0]).toMatchObject({ terminated: true });
  });

  it("does not run the fallback twice when it fails after the worker was given up on", async () => {
    const { worker } = silentWorker();
    const start = () => {
      const target = worker.start();
      target.postMessage = () => {
        throw new DOMException("could not be cloned", "DataCloneError");
      };
      return target;
    };
    // The call runs here at once (its payload cannot be sent) and fails once the worker, which
    // never loads, has been given up on.
    const fallback = vi.fn(
      () =>
        new Promise<number>((_, reject) =>
          setTimeout(() => reject(new Error("the layout failed")), DEADLINE_MS + 10),
        ),
    );
    const call = workerCall("test", start, fallback, DEADLINE_MS);
    const failed = expect(call(1)).rejects.toThrow("the layout failed");
    await vi.advanceTimersByTimeAsync(DEADLINE_MS + 20);
    await failed;
    expect(worker.started[0]).toMatchObject({ terminated: true });
    expect(fallback).toHaveBeenCalledTimes(1);
  });
});
