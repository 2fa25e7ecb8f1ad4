import type { BatchLine, EntityRef, LookupMessage } from "@casegraph/server/contract";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../../lib/api-client";
import { link } from "../model/test-graph";
import type { BatchLoader } from "./batch-loader";
import { createSocketLoader, type SocketLoaderOptions } from "./socket-loader";

const A: EntityRef = { type: "CASE", id: "a" };
const B: EntityRef = { type: "CASE", id: "b" };

/** A WebSocket the test opens, answers and drops by hand. */
class FakeSocket {
  static made: FakeSocket[] = [];
  readonly sent: LookupMessage[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  closed = false;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readyState = 0;
  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }
  send(text: string) {
    this.sent.push(JSON.parse(text) as LookupMessage);
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  answer(line: BatchLine) {
    this.onmessage?.({ data: JSON.stringify(line) });
  }
  drop() {
    if (this.closed) return;
    this.closed = true;
    this.readyState = 3;
    this.onclose?.();
  }
}

/** A batch loader that records what it is asked and answers when told. */
function fakeFallback() {
  const asked: Array<{ kind: string; ref: EntityRef; fresh: boolean }> = [];
  const answers = new Map<string, (value: unknown) => void>();
  const ask = (kind: string) => (ref: EntityRef, options?: { fresh?: boolean }) => {
    asked.push({ kind, ref, fresh: options?.fresh === true });
    return new Promise<never>((resolve) => {
      answers.set(`${kind}:${ref.id}`, resolve as (value: unknown) => void);
    });
  };
  const loader: BatchLoader = {
    loadLinks: ask("links"),
    loadLabel: ask("entity"),
    revalidateAll: vi.fn(),
  };
  return { loader, asked, answer: (key: string, value: unknown) => answers.get(key)?.(value) };
}

function latest(): FakeSocket {
  const socket = FakeSocket.made.at(-1);
  if (!socket) throw new Error("no socket was opened");
  return socket;
}

/** Lets the loader's flush (a zero-delay timer) run. */
const nextTask = () => vi.advanceTimersByTimeAsync(0);

describe("createSocketLoader", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.made = [];
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function loaderWith(fallback = fakeFallback(), adopt?: SocketLoaderOptions["adopt"]) {
    const loader = createSocketLoader({
      url: "ws://casegraph.test/api/lookups",
      fallback: fallback.loader,
      ...(adopt ? { adopt } : {}),
      WebSocket: FakeSocket as unknown as typeof WebSocket,
      reconnectMs: { first: 100, max: 1000 },
      openTimeoutMs: 1000,
      openGiveUpMs: 5000,
    });
    return { loader, fallback };
  }

  it("sends the lookups of one task in one message and settles each the moment its answer arrives", async () => {
    const { loader } = loaderWith();
    const linksOfA = loader.loadLinks(A);
    const labelOfA = loader.loadLabel(A);
    const linksOfB = loader.loadLinks(B);
    const again = loader.loadLinks({ ...A });
    latest().open();
    await nextTask();
    expect(latest().sent).toEqual([{ links: [A, B], entities: [A] }]);
    expect(again).toBe(linksOfA);

    latest().answer({ kind: "links", type: "CASE", id: "b", data: [] });
    await expect(linksOfB).resolves.toEqual([]);
    let labelSettled = false;
    const markSettled = () => {
      labelSettled = true;
    };
    labelOfA.then(markSettled, markSettled);
    await nextTask();
    expect(labelSettled).toBe(false);

    latest().answer({
      kind: "entity",
      type: "CASE",
      id: "a",
      error: { status: 503, code: "upstream_rate_limited", message: "Wait.", retry_after_s: 2 },
    });
    const failure = await labelOfA.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).retryAfterSec).toBe(2);
    latest().answer({ kind: "links", type: "CASE", id: "a", data: [] });
    await expect(linksOfA).resolves.toEqual([]);
  });

  it("settles every lookup a frame of several answers carries", async () => {
    const { loader } = loaderWith();
    const linksOfA = loader.loadLinks(A);
    const linksOfB = loader.loadLinks(B);
    latest().open();
    await nextTask();
    latest().onmessage?.({
      data: [
        { kind: "links", type: "CASE", id: "a", data: [] },
        { kind: "links", type: "CASE", id: "b", data: [] },
      ]
        .map((line) => JSON.stringify(line))
        .join("\n"),
    });
    await expect(Promise.all([linksOfA, linksOfB])).resolves.toEqual([[], []]);
  });

  /** A socket the page's HTML opened: made before the loader, maybe already open and sent to. */
  function earlySocket(state: "connecting" | "open" | "closed", before: BatchLine[] = []) {
    const socket = new FakeSocket("ws://casegraph.test/api/lookups");
    if (state === "open") socket.open();
    if (state === "closed") socket.drop();
    const messages = before.map((line) => ({ data: JSON.stringify(line) }) as MessageEvent);
    const adopt = vi.fn(() => ({ socket: socket as unknown as WebSocket, messages }));
    return { socket, adopt };
  }

  it("uses the socket the page's HTML opened instead of opening one, with what it received before", async () => {
    const early = earlySocket("open", [
      { kind: "links", type: "CASE", id: "a", data: [link("ab", "a", "b")], pushed: true },
    ]);
    const { loader } = loaderWith(fakeFallback(), early.adopt);
    loader.connect();
    expect(early.adopt).toHaveBeenCalledWith("ws://casegraph.test/api/lookups");
    await expect(loader.loadLinks(A)).resolves.toEqual([link("ab", "a", "b")]);
    void loader.loadLinks(B);
    await nextTask();
    expect(FakeSocket.made).toEqual([early.socket]);
    expect(early.socket.sent).toEqual([{ links: [B] }]);
  });

  it("waits for a socket the HTML opened that is still opening, and sends on it once it opens", async () => {
    const early = earlySocket("connecting");
    const { loader, fallback } = loaderWith(fakeFallback(), early.adopt);
    void loader.loadLinks(A);
    await nextTask();
    expect(early.socket.sent).toEqual([]);
    early.socket.open();
    await nextTask();
    expect(early.socket.sent).toEqual([{ links: [A] }]);
    expect(FakeSocket.made).toHaveLength(1);
    expect(fallback.asked).toEqual([]);
  });

  it("opens a socket of its own at once when the one the HTML opened has closed", async () => {
    const early = earlySocket("closed");
    const { loader, fallback } = loaderWith(fakeFallback(), early.adopt);
    void loader.loadLinks(A);
    expect(FakeSocket.made).toHaveLength(2);
    const own = latest();
    expect(own).not.toBe(early.socket);
    own.open();
    await nextTask();
    expect(own.sent).toEqual([{ links: [A] }]);
    expect(fallback.asked).toEqual([]);
    expect(early.adopt).toHaveBeenCalledTimes(1);
  });

  it("sends a lookup known while others are unanswered at once, without waiting for them", async () => {
    const { loader } = loaderWith();
    void loader.loadLinks(A);
    latest().open();
    await nextTask();
    void loader.loadLinks(B);
    await nextTask();
    expect(latest().sent).toEqual([{ links: [A] }, { links: [B] }]);
  });

  it("goes by the batch route when the socket cannot be opened, and uses the socket once it can", async () => {
    const { loader, fallback } = loaderWith();
    const linksOfA = loader.loadLinks(A);
    latest().drop();
    await nextTask();
    expect(fallback.asked).toEqual([{ kind: "links", ref: A, fresh: false }]);
    fallback.answer("links:a", []);
    await expect(linksOfA).resolves.toEqual([]);

    await vi.advanceTimersByTimeAsync(100);
    expect(FakeSocket.made).toHaveLength(2);
    latest().open();
    void loader.loadLinks(B);
    await nextTask();
    expect(latest().sent).toEqual([{ links: [B] }]);
    expect(fallback.asked).toHaveLength(1);
  });

  it("counts a socket that does not open in time as one that cannot be opened", async () => {
    const { loader, fallback } = loaderWith();
    void loader.loadLabel(A);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fallback.asked).toEqual([{ kind: "entity", ref: A, fresh: false }]);
  });

  it("keeps a socket slow to open: lookups go by the batch route meanwhile, and by the socket once it opens", async () => {
    const { loader, fallback } = loaderWith();
    void loader.loadLabel(A);
    await vi.advanceTimersByTimeAsync(1000);
    void loader.loadLinks(A);
    await nextTask();
    expect(fallback.asked).toEqual([
      { kind: "entity", ref: A, fresh: false },
      { kind: "links", ref: A, fresh: false },
    ]);
    expect(FakeSocket.made).toHaveLength(1);
    expect(latest().closed).toBe(false);

    latest().open();
    void loader.loadLinks(B);
    await nextTask();
    expect(latest().sent).toEqual([{ links: [B] }]);
    expect(fallback.asked).toHaveLength(2);
  });

  it("gives up a socket that never opens, and opens another later", async () => {
    void loaderWith().loader.loadLinks(A);
    await vi.advanceTimersByTimeAsync(4999);
    expect(latest().closed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.made[0]?.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(100);
    expect(FakeSocket.made).toHaveLength(2);
  });

  it("asks again, by the batch route, for what was unanswered on a socket that dropped, and reconnects with backoff", async () => {
    const { loader, fallback } = loaderWith();
    const linksOfA = loader.loadLinks(A);
    const linksOfB = loader.loadLinks(B);
    latest().open();
    await nextTask();
    latest().answer({ kind: "links", type: "CASE", id: "a", data: [] });
    await expect(linksOfA).resolves.toEqual([]);
    latest().drop();
    await nextTask();
    expect(fallback.asked).toEqual([{ kind: "links", ref: B, fresh: false }]);
    fallback.answer("links:b", []);
    await expect(linksOfB).resolves.toEqual([]);

    // First retry after 100 ms; it fails too, so the next waits 200 ms.
    await vi.advanceTimersByTimeAsync(100);
    expect(FakeSocket.made).toHaveLength(2);
    latest().drop();
    await vi.advanceTimersByTimeAsync(199);
    expect(FakeSocket.made).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.made).toHaveLength(3);
  });

  it("asks for fresh answers after revalidateAll, over the socket and over the fallback", async () => {
    const { loader, fallback } = loaderWith();
    const first = loader.loadLinks(A);
    latest().open();
    await nextTask();
    latest().answer({ kind: "links", type: "CASE", id: "a", data: [] });
    await first;

    loader.revalidateAll();
    void loader.loadLinks(A);
    void loader.loadLinks(B);
    await nextTask();
    expect(latest().sent.at(-2)).toEqual({ links: [B] });
    expect(latest().sent.at(-1)).toEqual({ links: [A], fresh: true });

    latest().answer({ kind: "links", type: "CASE", id: "a", data: [] });
    latest().answer({ kind: "links", type: "CASE", id: "b", data: [] });
    latest().drop();
    loader.revalidateAll();
    void loader.loadLinks(A);
    await nextTask();
    expect(fallback.asked).toEqual([{ kind: "links", ref: A, fresh: true }]);
  });

  it("says how far the graph reads past each links lookup, and its cap, so the server can read ahead", async () => {
    const { loader } = loaderWith();
    void loader.loadLinks(A, { ahead: 3, cap: 500 });
    void loader.loadLinks(B);
    void loader.loadLabel(A, { ahead: 3, cap: 500 });
    latest().open();
    await nextTask();
    expect(latest().sent).toEqual([{ links: [{ ...A, ahead: 3 }, B], entities: [A], cap: 500 }]);
  });

  it("settles a lookup from an answer the server sent unasked, without a message", async () => {
    const { loader } = loaderWith();
    void loader.loadLinks(A, { ahead: 2, cap: 500 });
    latest().open();
    await nextTask();
    const aBlocksB = link("l1", "a", "b");
    // The answer to A, and B's links and label read ahead, in one frame.
    latest().onmessage?.({
      data: [
        { kind: "links", type: "CASE", id: "a", data: [aBlocksB] },
        { kind: "links", type: "CASE", id: "b", data: [aBlocksB], pushed: true },
        {
          kind: "entity",
          type: "CASE",
          id: "b",
          data: { type: "CASE", id: "b", key: "PAY-2" },
          pushed: true,
        },
      ]
        .map((line) => JSON.stringify(line))
        .join("\n"),
    });
    await expect(loader.loadLinks(B, { ahead: 1, cap: 500 })).resolves.toEqual([aBlocksB]);
    await expect(loader.loadLabel(B)).resolves.toMatchObject({ key: "PAY-2" });
    await nextTask();
    expect(latest().sent).toHaveLength(1);
    // Kept once: a second lookup of the same entity asks the server again.
    void loader.loadLinks(B);
    await nextTask();
    expect(latest().sent.at(-1)).toEqual({ links: [B] });
  });

  it("reads fresh on a Refresh what was answered from an answer sent unasked, as it does the rest", async () => {
    const { loader } = loaderWith();
    void loader.loadLinks(A, { ahead: 1, cap: 500 });
    latest().open();
    await nextTask();
    latest().answer({ kind: "links", type: "CASE", id: "a", data: [] });
    latest().answer({
      kind: "entity",
      type: "CASE",
      id: "b",
      data: { type: "CASE", id: "b", key: "PAY-2" },
      pushed: true,
    });
    await expect(loader.loadLabel(B)).resolves.toMatchObject({ key: "PAY-2" });

    loader.revalidateAll();
    void loader.loadLabel(B);
    await nextTask();
    expect(latest().sent.at(-1)).toEqual({ entities: [B], fresh: true });
  });

  it("settles a lookup still waiting to be sent when its answer arrives unasked, and never sends it", async () => {
    const { loader } = loaderWith();
    void loader.loadLinks(A);
    latest().open();
    await nextTask();
    // B is asked for in the same task as its unasked answer arrives: before the flush.
    const linksOfB = loader.loadLinks(B);
    latest().answer({ kind: "links", type: "CASE", id: "b", data: [], pushed: true });
    await expect(linksOfB).resolves.toEqual([]);
    await nextTask();
    expect(latest().sent).toEqual([{ links: [A] }]);
  });

  it("does not answer a Refresh from what the server sent unasked before it", async () => {
    const { loader } = loaderWith();
    void loader.loadLinks(A);
    latest().open();
    await nextTask();
    latest().answer({ kind: "links", type: "CASE", id: "b", data: [], pushed: true });
    loader.revalidateAll();
    const refreshed = loader.loadLinks(B, { fresh: true });
    await nextTask();
    expect(latest().sent.at(-1)).toEqual({ links: [B], fresh: true });
    // A read ahead still under way pushes a cached copy after the Refresh: it settles nothing.
    let settled = false;
    void refreshed.then(() => {
      settled = true;
    });
    latest().answer({ kind: "links", type: "CASE", id: "b", data: [], pushed: true });
    await nextTask();
    expect(settled).toBe(false);
    const fromUpstream = [link("l9", "b", "c")];
    latest().answer({ kind: "links", type: "CASE", id: "b", data: fromUpstream });
    await expect(refreshed).resolves.toEqual(fromUpstream);
  });

  it("leaves out an answer to nothing waiting rather than keep it: only pushed answers are kept", async () => {
    const { loader } = loaderWith();
    void loader.loadLinks(A);
    latest().open();
    await nextTask();
    latest().answer({ kind: "links", type: "CASE", id: "b", data: [] });
    void loader.loadLinks(B);
    await nextTask();
    expect(latest().sent.at(-1)).toEqual({ links: [B] });
  });

  it("keeps an answer sent unasked only a few seconds: a later lookup asks the server again", async () => {
    const { loader } = loaderWith();
    void loader.loadLinks(A);
    latest().open();
    await nextTask();
    latest().answer({ kind: "links", type: "CASE", id: "b", data: [], pushed: true });
    await vi.advanceTimersByTimeAsync(6_000);
    void loader.loadLinks(B);
    await nextTask();
    expect(latest().sent.at(-1)).toEqual({ links: [B] });
  });
});
