import type { BatchRequest, EntityRef, Link } from "@casegraph/server/contract";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import { type ReactNode, StrictMode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { labelOf, link, linksOf } from "../model/test-graph";
import { createBatchLoader } from "./batch-loader";
import { SETTLED_MARK } from "./expansion-store";
import { useExpansion } from "./use-expansion";

/** A BFF whose batch endpoint answers from a set of links, in two chunks per answer. */
function fakeBff(initial: Link[]) {
  let all = initial;
  let gate: Promise<void> | null = null;
  const asked: string[] = [];
  const fetch = vi.fn<typeof globalThis.fetch>(async (_input, init) => {
    const body = JSON.parse(String(init?.body)) as BatchRequest;
    if (gate) await gate;
    const lines: string[] = [];
    for (const ref of body.links ?? []) {
      asked.push(`links ${ref.id}`);
      lines.push(JSON.stringify({ kind: "links", ...ref, data: linksOf(all, ref) }));
    }
    for (const ref of body.entities ?? []) {
      asked.push(`label ${ref.id}`);
      lines.push(JSON.stringify({ kind: "entity", ...ref, data: labelOf(ref) }));
    }
    const text = `${lines.join("\n")}\n`;
    const bytes = new TextEncoder().encode(text);
    const half = Math.floor(bytes.length / 2);
    return new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(bytes.slice(0, half));
          controller.enqueue(bytes.slice(half));
          controller.close();
        },
      }),
      { headers: { "Content-Type": "application/x-ndjson" } },
    );
  });
  return {
    loader: createBatchLoader({ fetch }),
    fetch,
    asked,
    setLinks: (links: Link[]) => {
      all = links;
    },
    /** Holds every answer back until the returned function is called. */
    holdAnswers: () => {
      let release!: () => void;
      gate = new Promise((resolve) => {
        release = resolve;
      });
      return () => {
        gate = null;
        release();
      };
    },
  };
}

function Providers({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}

function StrictProviders({ children }: { children: ReactNode }) {
  return (
    <StrictMode>
      <Providers>{children}</Providers>
    </StrictMode>
  );
}

const caseRef = (id: string): EntityRef => ({ type: "CASE", id });
const ids = (view: { snapshot: { nodes: ReadonlyMap<string, { id: string }> } | null }) =>
  [...(view.snapshot?.nodes.values() ?? [])].map((n) => n.id).sort();

// a - b - c - d
const CHAIN = [link("ab", "a", "b"), link("bc", "b", "c"), link("cd", "c", "d")];

/** Root `a` of CHAIN at depth 1, whose first batch the BFF answered with a 502; settled. */
async function settledAfterOneFailure() {
  const bff = fakeBff(CHAIN);
  bff.fetch.mockImplementationOnce(async () =>
    Response.json(
      { error: { status: 502, code: "upstream_error", message: "Datadog failed." } },
      { status: 502 },
    ),
  );
  const { result } = renderHook(
    () => useExpansion({ root: caseRef("a"), depth: 1, loader: bff.loader }),
    { wrapper: Providers },
  );
  await waitFor(() => expect(result.current.settled).toBe(true));
  return { bff, result };
}

let queryClient: QueryClient;

beforeEach(() => {
  queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  performance.clearMarks(SETTLED_MARK);
});

afterEach(() => {
  queryClient.clear();
  vi.restoreAllMocks();
});

describe("useExpansion", () => {
  it("grows the graph from the root and settles", async () => {
    const bff = fakeBff(CHAIN);
    const { result } = renderHook(
      () => useExpansion({ root: caseRef("a"), depth: 2, loader: bff.loader }),
      { wrapper: Providers },
    );
    await waitFor(() => expect(result.current.settled).toBe(true));
    expect(ids(result.current)).toEqual(["a", "b", "c"]);
    expect(result.current.stats).toEqual({
      entities: 3,
      links: 2,
      pending: 0,
      failed: 0,
      leftOut: 0,
    });
    expect(result.current.snapshot?.nodes.get("CASE:c")?.frontier).toBe(true);
  });

  it("shows nothing while there is no root", () => {
    const bff = fakeBff(CHAIN);
    const { result } = renderHook(
      () => useExpansion({ root: null, depth: 2, loader: bff.loader }),
      {
        wrapper: Providers,
      },
    );
    expect(result.current.snapshot).toBeNull();
    expect(bff.fetch).not.toHaveBeenCalled();
  });

  it("answers a new root from the cache without asking the server again", async () => {
    const bff = fakeBff(CHAIN);
    const { result, rerender } = renderHook(
      ({ root, depth }) => useExpansion({ root, depth, loader: bff.loader }),
      { wrapper: Providers, initialProps: { root: caseRef("a"), depth: 2 } },
    );
    await waitFor(() => expect(result.current.settled).toBe(true));
    const requests = bff.fetch.mock.calls.length;

    // b's neighbourhood at depth 1 (a, b, c) was read entirely while expanding a.
    rerender({ root: caseRef("b"), depth: 1 });
    await waitFor(() => expect(result.current.snapshot?.rootKey).toBe("CASE:b"));
    await waitFor(() => expect(result.current.settled).toBe(true));
    expect(ids(result.current)).toEqual(["a", "b", "c"]);
    expect(bff.fetch.mock.calls.length).toBe(requests);
  });

  it("asks only for what is new when the depth grows", async () => {
    const bff = fakeBff(CHAIN);
    const { result, rerender } = renderHook(
      ({ depth }) => useExpansion({ root: caseRef("a"), depth, loader: bff.loader }),
      { wrapper: Providers, initialProps: { depth: 1 } },
    );
    await waitFor(() => expect(result.current.settled).toBe(true));
    bff.asked.length = 0;

    rerender({ depth: 2 });
    await waitFor(() => expect(ids(result.current)).toEqual(["a", "b", "c"]));
    await waitFor(() => expect(result.current.settled).toBe(true));
    expect(bff.asked.sort()).toEqual(["label c", "links c"]);
  });

  it("says which view the graph it holds was read for, until the new view's graph comes", async () => {
    const bff = fakeBff(CHAIN);
    const seen: { key: string | null; nodes: string[] }[] = [];
    const { result, rerender } = renderHook(
      ({ depth }) => {
        const view = useExpansion({ root: caseRef("a"), depth, loader: bff.loader });
        seen.push({ key: view.key, nodes: ids(view) });
        return view;
      },
      { wrapper: Providers, initialProps: { depth: 2 } },
    );
    await waitFor(() => expect(result.current.settled).toBe(true));
    const deep = result.current.key;
    expect(deep).toContain("|2|");
    seen.length = 0;

    rerender({ depth: 1 });
    await waitFor(() => expect(ids(result.current)).toEqual(["a", "b"]));
    await waitFor(() => expect(result.current.settled).toBe(true));
    expect(result.current.key).toContain("|1|");
    // Every render that still showed the deeper graph said it was the deeper view's.
    for (const render of seen) {
      if (render.nodes.includes("c")) expect(render.key).toBe(deep);
    }
    expect(seen[0]?.nodes).toContain("c");
  });

  it("re-reads everything on refresh, keeping the old graph until the new one settles", async () => {
    const bff = fakeBff(CHAIN);
    const { result } = renderHook(
      () => useExpansion({ root: caseRef("a"), depth: 1, loader: bff.loader }),
      { wrapper: Providers },
    );
    await waitFor(() => expect(result.current.settled).toBe(true));
    const before = result.current.snapshot;
    bff.asked.length = 0;
    bff.setLinks([...CHAIN, link("ae", "a", "e")]);

    const release = bff.holdAnswers();
    act(() => result.current.refresh());
    await waitFor(() => expect(result.current.settled).toBe(false));
    expect(result.current.snapshot).toBe(before);
    release();
    await waitFor(() => expect(ids(result.current)).toEqual(["a", "b", "e"]));
    expect(result.current.settled).toBe(true);
    expect(bff.asked).toEqual(expect.arrayContaining(["links a", "label a", "links b"]));
  });

  it("re-reads through the server's cache on reread, keeping what was expanded", async () => {
    const bff = fakeBff(CHAIN);
    const { result } = renderHook(
      () => useExpansion({ root: caseRef("a"), depth: 1, loader: bff.loader }),
      { wrapper: Providers },
    );
    await waitFor(() => expect(result.current.settled).toBe(true));
    act(() => result.current.expand("CASE:b"));
    await waitFor(() => expect(ids(result.current)).toEqual(["a", "b", "c"]));
    await waitFor(() => expect(result.current.settled).toBe(true));
    bff.asked.length = 0;
    bff.fetch.mockClear();
    bff.setLinks([...CHAIN, link("ae", "a", "e")]);

    act(() => result.current.reread());
    await waitFor(() => expect(ids(result.current)).toEqual(["a", "b", "c", "e"]));
    expect(result.current.settled).toBe(true);
    expect(bff.asked).toEqual(expect.arrayContaining(["links a", "links b", "links c"]));
    for (const [, init] of bff.fetch.mock.calls) {
      expect(new Headers(init?.headers).get("Cache-Control")).toBeNull();
    }
  });

  it("records a performance mark each time the graph settles", async () => {
    const mark = vi.spyOn(performance, "mark");
    const bff = fakeBff(CHAIN);
    const { result } = renderHook(
      () => useExpansion({ root: caseRef("a"), depth: 1, loader: bff.loader }),
      { wrapper: Providers },
    );
    await waitFor(() => expect(result.current.settled).toBe(true));
    expect(mark).toHaveBeenCalledTimes(1);
    expect(mark).toHaveBeenCalledWith(SETTLED_MARK, { detail: { entities: 2, links: 1 } });

    act(() => result.current.expand("CASE:b"));
    await waitFor(() => expect(ids(result.current)).toEqual(["a", "b", "c"]));
    await waitFor(() => expect(mark).toHaveBeenCalledTimes(2));
    expect(mark).toHaveBeenLastCalledWith(SETTLED_MARK, { detail: { entities: 3, links: 2 } });
  });

  it("looks each entity up once under StrictMode's double effects", async () => {
    const bff = fakeBff(CHAIN);
    const { result } = renderHook(
      () => useExpansion({ root: caseRef("a"), depth: 3, loader: bff.loader }),
      { wrapper: StrictProviders },
    );
    await waitFor(() => expect(result.current.settled).toBe(true));
    expect(ids(result.current)).toEqual(["a", "b", "c", "d"]);
    const counts = new Map<string, number>();
    for (const item of bff.asked) counts.set(item, (counts.get(item) ?? 0) + 1);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(counts.size).toBe(8);
  });

  it("renders far fewer times than answers arrive", async () => {
    const star = Array.from({ length: 200 }, (_, i) => link(`l${i}`, "hub", `leaf${i}`));
    const bff = fakeBff(star);
    let renders = 0;
    const { result } = renderHook(
      () => {
        renders++;
        return useExpansion({ root: caseRef("hub"), depth: 1, loader: bff.loader });
      },
      { wrapper: Providers },
    );
    await waitFor(() => expect(result.current.settled).toBe(true));
    expect(result.current.stats.entities).toBe(201);
    // 402 lookups answered; one render per frame, not per answer.
    expect(renders).toBeLessThan(50);
  });

  it("shows what blocks the root past the depth, unless told to follow no relationship", async () => {
    // d blocks c blocks b blocks a: at depth 1 all of a's blockers are shown by default.
    const blockers = [link("ba", "b", "a"), link("cb", "c", "b"), link("dc", "d", "c")];
    const bff = fakeBff(blockers);
    const { result, rerender } = renderHook(
      ({ upstream }: { upstream?: readonly string[] }) =>
        useExpansion({ root: caseRef("a"), depth: 1, upstream, loader: bff.loader }),
      { wrapper: Providers, initialProps: {} },
    );
    await waitFor(() => expect(result.current.settled).toBe(true));
    expect(ids(result.current)).toEqual(["a", "b", "c", "d"]);
    expect(result.current.snapshot?.nodes.get("CASE:d")?.hop).toBe(3);

    rerender({ upstream: [] });
    await waitFor(() => expect(ids(result.current)).toEqual(["a", "b"]));
    await waitFor(() => expect(result.current.settled).toBe(true));
    const settled = result.current.snapshot;
    // The same contents in a new array is the same view: nothing restarts. A restart would
    // publish the new expansion's snapshot within a few frames, even from the cache.
    rerender({ upstream: [] });
    await act(() => new Promise((resolve) => setTimeout(resolve, 100)));
    expect(result.current.snapshot).toBe(settled);
  });

  it("retries a failed lookup through the cache", async () => {
    const { result } = await settledAfterOneFailure();
    expect(result.current.snapshot?.nodes.get("CASE:a")?.linksError?.message).toBe(
      "Datadog failed.",
    );
    expect(result.current.stats.failed).toBe(2);

    act(() => result.current.retry("CASE:a"));
    await waitFor(() => expect(ids(result.current)).toEqual(["a", "b"]));
    await waitFor(() => expect(result.current.settled).toBe(true));
    expect(result.current.stats.failed).toBe(0);
  });

  it("keeps a failure on screen while a re-read asks again", async () => {
    const { bff, result } = await settledAfterOneFailure();
    const failed = result.current.snapshot;
    expect(failed?.nodes.get("CASE:a")?.linksError?.message).toBe("Datadog failed.");

    // Live mode's re-read, its answers slow to come: the person still reads the failure.
    const release = bff.holdAnswers();
    act(() => result.current.reread());
    await waitFor(() => expect(result.current.settled).toBe(false));
    expect(result.current.snapshot).toBe(failed);
    expect(result.current.snapshot?.nodes.get("CASE:a")?.linksStatus).toBe("error");
    release();
    await waitFor(() => expect(ids(result.current)).toEqual(["a", "b"]));
    expect(result.current.stats.failed).toBe(0);
  });
});
