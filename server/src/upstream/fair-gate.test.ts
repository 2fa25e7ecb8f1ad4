import { setMaxListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { FairGate } from "./fair-gate";

const options = { concurrency: 1, queueMaxPerClient: 1_000, startWithinMs: 60_000 };

function held() {
  let release: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { done, release };
}

describe("FairGate", () => {
  it("serves clients in turn: a flood from one delays another by about one call", async () => {
    const gate = new FairGate(options);
    const order: string[] = [];
    const first = held();
    const running = [gate.run("flooder", Date.now(), undefined, () => first.done)];
    for (let i = 0; i < 100; i++) {
      running.push(gate.run("flooder", Date.now(), undefined, async () => void order.push("F")));
    }
    for (let i = 0; i < 3; i++) {
      running.push(gate.run("person", Date.now(), undefined, async () => void order.push("P")));
    }
    first.release();
    await Promise.all(running);
    // Round robin: the person's three lookups are among the first six to start.
    expect(order.slice(0, 6).filter((c) => c === "P")).toHaveLength(3);
  });

  it("bounds each client's queue, refusing the excess at once", async () => {
    const gate = new FairGate({ ...options, queueMaxPerClient: 2 });
    const slot = held();
    const busy = gate.run("a", Date.now(), undefined, () => slot.done);
    const queued = [1, 2].map(() => gate.run("a", Date.now(), undefined, async () => "ran"));
    await expect(gate.run("a", Date.now(), undefined, async () => "ran")).rejects.toMatchObject({
      kind: "client_queue_full",
    });
    const other = gate.run("b", Date.now(), undefined, async () => "other ran");
    slot.release();
    await busy;
    expect(await Promise.all(queued)).toEqual(["ran", "ran"]);
    expect(await other).toBe("other ran");
  });

  it("answers busy when a lookup cannot start in time, counted from when it was asked", async () => {
    const gate = new FairGate({ ...options, startWithinMs: 20 });
    const slot = held();
    const busy = gate.run("a", Date.now(), undefined, () => slot.done);
    await expect(gate.run("b", Date.now(), undefined, async () => "ran")).rejects.toMatchObject({
      kind: "busy",
      retryAfterSec: 1,
    });
    // Asked long ago: no time left to wait at all.
    await expect(
      gate.run("c", Date.now() - 1_000, undefined, async () => "ran"),
    ).rejects.toMatchObject({ kind: "busy" });
    slot.release();
    await busy;
    expect(gate.load()).toEqual({ active: 0, pending: 0, clients: 0 });
  });

  it("drops a queued lookup when its caller hangs up", async () => {
    const gate = new FairGate(options);
    const slot = held();
    const busy = gate.run("a", Date.now(), undefined, () => slot.done);
    const hangUp = new AbortController();
    let ran = false;
    const dropped = gate.run("b", Date.now(), hangUp.signal, async () => {
      ran = true;
    });
    expect(gate.load().pending).toBe(1);
    hangUp.abort();
    await expect(dropped).rejects.toBeDefined();
    expect(gate.load().pending).toBe(0);
    slot.release();
    await busy;
    expect(ran).toBe(false);
  });
});

describe("FairGate shares", () => {
  it("lets no client hold more than its share of the slots while another uses them too", async () => {
    const gate = new FairGate({ ...options, concurrency: 8, activeMaxPerClient: 2 });
    expect(await gate.run("person", Date.now(), undefined, async () => "ran")).toBe("ran");
    const slots = held();
    let flooderRunning = 0;
    const flood = Array.from({ length: 50 }, () =>
      gate.run("flooder", Date.now(), undefined, async () => {
        flooderRunning++;
        await slots.done;
      }),
    );
    // Every slot that could be taken has been once the microtasks have run.
    await new Promise((resolve) => setImmediate(resolve));
    expect(flooderRunning).toBe(2);
    // The person's next lookup takes a free slot without waiting for any of the flooder's calls.
    expect(await gate.run("person", Date.now(), undefined, async () => "ran again")).toBe(
      "ran again",
    );
    slots.release();
    await Promise.all(flood);
    expect(gate.load()).toEqual({ active: 0, pending: 0, clients: 0 });
  });

  it("gives a client alone every slot", async () => {
    const gate = new FairGate({ ...options, concurrency: 8, activeMaxPerClient: 2 });
    const slots = held();
    let running = 0;
    const expansion = Array.from({ length: 20 }, () =>
      gate.run("person", Date.now(), undefined, async () => {
        running++;
        await slots.done;
      }),
    );
    // Every slot that could be taken has been once the microtasks have run.
    await new Promise((resolve) => setImmediate(resolve));
    expect(running).toBe(8);
    slots.release();
    await Promise.all(expansion);
  });

  it("drops thousands of hung-up lookups without disturbing the rest of the queue", async () => {
    const gate = new FairGate({ ...options, queueMaxPerClient: 20_000 });
    const slot = held();
    const busy = gate.run("a", Date.now(), undefined, () => slot.done);
    const hangUp = new AbortController();
    // As the lookup socket's own signal is: ten thousand listeners are the point here.
    setMaxListeners(0, hangUp.signal);
    const dropped = Array.from({ length: 10_000 }, () =>
      gate.run("a", Date.now(), hangUp.signal, async () => "ran").catch(() => "dropped"),
    );
    const kept = gate.run("a", Date.now(), undefined, async () => "kept ran");
    hangUp.abort();
    expect(new Set(await Promise.all(dropped))).toEqual(new Set(["dropped"]));
    expect(gate.load().pending).toBe(1);
    slot.release();
    await busy;
    expect(await kept).toBe("kept ran");
    expect(gate.load()).toEqual({ active: 0, pending: 0, clients: 0 });
  });
});
