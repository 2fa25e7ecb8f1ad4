import type { BatchLine, BatchRequest, EntityRef, Link } from "@casegraph/server/contract";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../../lib/api-client";
import { createBatchLoader } from "./batch-loader";

const A: EntityRef = { type: "CASE", id: "a" };
const B: EntityRef = { type: "CASE", id: "b" };
const C: EntityRef = { type: "CASE", id: "c" };

function link(id: string, parent: string, child: string): Link {
  return {
    id,
    type: "link",
    attributes: {
      parent_entity_id: parent,
      parent_entity_type: "CASE",
      child_entity_id: child,
      child_entity_type: "CASE",
      relationship: "BLOCKS",
    },
  };
}

/** A streamed NDJSON body whose bytes the test pushes whenever it likes. */
function openStream() {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  return {
    response: new Response(body, { headers: { "Content-Type": "application/x-ndjson" } }),
    push: (text: string) => controller.enqueue(encoder.encode(text)),
    line: (line: BatchLine) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`)),
    close: () => controller.close(),
    fail: (error: Error) => controller.error(error),
  };
}

/** A fake fetch that records every batch request and answers from a queue of responses. */
function fakeFetch(...responses: Response[]) {
  const requests: BatchRequest[] = [];
  const fetch = vi.fn<typeof globalThis.fetch>(async (_input, init) => {
    requests.push(JSON.parse(String(init?.body)) as BatchRequest);
    const response = responses.shift();
    if (!response) throw new Error("no more answers prepared");
    return response;
  });
  return { fetch, requests };
}

/** Resolves with whether the promise has settled by the time queued work has run. */
async function hasSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  await new Promise((resolve) => setTimeout(resolve, 0));
  return settled;
}

describe("createBatchLoader", () => {
  it("sends every lookup of one macrotask in one request, without duplicates", async () => {
    const stream = openStream();
    const { fetch, requests } = fakeFetch(stream.response);
    const loader = createBatchLoader({ fetch });

    const linksOfA = loader.loadLinks(A);
    const againLinksOfA = loader.loadLinks({ ...A });
    const labelOfA = loader.loadLabel(A);
    const linksOfB = loader.loadLinks(B);

    stream.line({ kind: "links", type: "CASE", id: "b", data: [] });
    stream.line({
      kind: "entity",
      type: "CASE",
      id: "a",
      data: { type: "CASE", id: "a", key: "PAY-1" },
    });
    stream.line({ kind: "links", type: "CASE", id: "a", data: [link("l1", "a", "b")] });
    stream.close();

    await expect(linksOfA).resolves.toEqual([link("l1", "a", "b")]);
    await expect(againLinksOfA).resolves.toEqual([link("l1", "a", "b")]);
    await expect(labelOfA).resolves.toEqual({ type: "CASE", id: "a", key: "PAY-1" });
    await expect(linksOfB).resolves.toEqual([]);
    expect(requests).toEqual([{ links: [A, B], entities: [A] }]);
    expect(fetch.mock.calls[0]?.[0]).toBe("/api/batch");
  });

  it("settles each lookup as soon as its line arrives, while the stream is still open", async () => {
    const stream = openStream();
    const loader = createBatchLoader({ fetch: fakeFetch(stream.response).fetch });
    const linksOfA = loader.loadLinks(A);
    const linksOfB = loader.loadLinks(B);

    const line = JSON.stringify({ kind: "links", type: "CASE", id: "b", data: [] });
    stream.push(line.slice(0, 10));
    expect(await hasSettled(linksOfB)).toBe(false);
    stream.push(`${line.slice(10)}\n`);
    expect(await hasSettled(linksOfB)).toBe(true);
    expect(await hasSettled(linksOfA)).toBe(false);

    stream.line({ kind: "links", type: "CASE", id: "a", data: [] });
    stream.close();
    await expect(linksOfA).resolves.toEqual([]);
  });

  it("splits lookups into requests of at most maxItems", async () => {
    const first = openStream();
    const second = openStream();
    const { requests, fetch } = fakeFetch(first.response, second.response);
    const loader = createBatchLoader({ fetch, maxItems: 2 });

    const all = [loader.loadLinks(A), loader.loadLinks(B), loader.loadLabel(C)];
    first.line({ kind: "links", type: "CASE", id: "a", data: [] });
    first.line({ kind: "links", type: "CASE", id: "b", data: [] });
    first.close();
    second.line({ kind: "entity", type: "CASE", id: "c", data: { type: "CASE", id: "c" } });
    second.close();

    await Promise.all(all);
    expect(requests).toEqual([{ links: [A, B] }, { entities: [C] }]);
  });

  it("rejects only the item whose line carries an error", async () => {
    const stream = openStream();
    const loader = createBatchLoader({ fetch: fakeFetch(stream.response).fetch });
    const linksOfA = loader.loadLinks(A);
    const linksOfB = loader.loadLinks(B);
    const notFound = { status: 404, code: "not_found" as const, message: "Case b was not found." };
    stream.line({ kind: "links", type: "CASE", id: "b", error: notFound });
    stream.line({ kind: "links", type: "CASE", id: "a", data: [] });
    stream.close();

    await expect(linksOfA).resolves.toEqual([]);
    const error = await linksOfB.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).toDetail()).toEqual(notFound);
  });

  it("rejects every item of a request that failed as a whole, with the server's error", async () => {
    const body = { error: { status: 503, code: "rate_limited", message: "Too many requests." } };
    const response = Response.json(body, { status: 503, headers: { "Retry-After": "2" } });
    const loader = createBatchLoader({ fetch: fakeFetch(response).fetch });
    const results = await Promise.allSettled([loader.loadLinks(A), loader.loadLabel(B)]);
    for (const result of results) {
      expect(result.status).toBe("rejected");
      const reason = (result as PromiseRejectedResult).reason as ApiError;
      expect(reason.toDetail()).toEqual(body.error);
      expect(reason.retryAfterSec).toBe(2);
    }
  });

  it("rejects with a network error when the request cannot be sent", async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => {
      throw new TypeError("Failed to fetch");
    });
    const loader = createBatchLoader({ fetch });
    const error = (await loader.loadLinks(A).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(error.code).toBe("network_error");
  });

  it("rejects the items still waiting when the connection breaks mid-stream", async () => {
    const stream = openStream();
    const loader = createBatchLoader({ fetch: fakeFetch(stream.response).fetch });
    const linksOfA = loader.loadLinks(A);
    const linksOfB = loader.loadLinks(B);
    stream.line({ kind: "links", type: "CASE", id: "a", data: [] });
    await expect(linksOfA).resolves.toEqual([]);
    stream.fail(new TypeError("network connection lost"));

    const error = (await linksOfB.catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe("network_error");
    expect(error.message).toContain("The answer to POST /api/batch broke off");
  });

  it("rejects items that got no line by the end of the stream, naming them", async () => {
    const stream = openStream();
    const loader = createBatchLoader({ fetch: fakeFetch(stream.response).fetch });
    const labelOfC = loader.loadLabel(C);
    stream.push("this is not json\n");
    stream.line({ kind: "links", type: "CASE", id: "zzz", data: [] });
    stream.close();

    const error = (await labelOfC.catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe("invalid_response");
    expect(error.message).toBe("The answer to POST /api/batch ended without the label of CASE c.");
  });

  it("matches a case asked for by key to the line that answers it", async () => {
    const stream = openStream();
    const loader = createBatchLoader({ fetch: fakeFetch(stream.response).fetch });
    const label = loader.loadLabel({ type: "CASE", id: "PAY-101" });
    stream.line({
      kind: "entity",
      type: "CASE",
      id: "0b9c",
      data: { type: "CASE", id: "0b9c", key: "PAY-101" },
    });
    stream.close();
    await expect(label).resolves.toEqual({ type: "CASE", id: "0b9c", key: "PAY-101" });
  });

  it("asks again for a lookup that failed before", async () => {
    const failing = Response.json(
      { error: { status: 502, code: "upstream_error", message: "Datadog failed." } },
      { status: 502 },
    );
    const stream = openStream();
    const { fetch } = fakeFetch(failing, stream.response);
    const loader = createBatchLoader({ fetch });
    await expect(loader.loadLinks(A)).rejects.toBeInstanceOf(ApiError);

    const again = loader.loadLinks(A);
    stream.line({ kind: "links", type: "CASE", id: "a", data: [] });
    stream.close();
    await expect(again).resolves.toEqual([]);
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});

describe("revalidateAll", () => {
  it("sends the next lookup of everything seen so far with Cache-Control: no-cache, once", async () => {
    const requests: Array<{ noCache: boolean; body: string }> = [];
    const fakeFetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      const body = String(init?.body);
      requests.push({ noCache: headers.get("cache-control") === "no-cache", body });
      const request = JSON.parse(body) as { links?: { type: string; id: string }[] };
      const lines = (request.links ?? []).map((ref) =>
        JSON.stringify({ kind: "links", type: ref.type, id: ref.id, data: [] }),
      );
      return new Response(`${lines.join("\n")}\n`, {
        status: 200,
        headers: { "Content-Type": "application/x-ndjson" },
      });
    }) as typeof fetch;
    const loader = createBatchLoader({ fetch: fakeFetch });
    const ref = { type: "CASE" as const, id: "3f0c6a1e-0000-4000-8000-000000000001" };

    await loader.loadLinks(ref);
    loader.revalidateAll();
    await loader.loadLinks(ref);
    await loader.loadLinks(ref);

    expect(requests.map((r) => r.noCache)).toEqual([false, true, false]);
  });
});

describe("requests in flight", () => {
  it("holds lookups while maxInFlight requests are open and sends them together after", async () => {
    const bodies: string[] = [];
    const releases: Array<() => void> = [];
    const fakeFetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      const body = String(init?.body);
      bodies.push(body);
      const request = JSON.parse(body) as { links?: { type: string; id: string }[] };
      const text = `${(request.links ?? [])
        .map((ref) => JSON.stringify({ kind: "links", type: ref.type, id: ref.id, data: [] }))
        .join("\n")}\n`;
      await new Promise<void>((resolve) => releases.push(resolve));
      return new Response(text, {
        status: 200,
        headers: { "Content-Type": "application/x-ndjson" },
      });
    }) as typeof fetch;
    const loader = createBatchLoader({ fetch: fakeFetch, maxInFlight: 1 });
    const ref = (n: number) => ({
      type: "CASE" as const,
      id: `3f0c6a1e-0000-4000-8000-00000000000${n}`,
    });

    const first = loader.loadLinks(ref(1));
    await vi.waitFor(() => expect(bodies).toHaveLength(1));
    const later = [loader.loadLinks(ref(2)), loader.loadLinks(ref(3))];
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(bodies).toHaveLength(1);

    releases.shift()?.();
    await first;
    await vi.waitFor(() => expect(bodies).toHaveLength(2));
    expect(JSON.parse(bodies[1] ?? "{}").links).toHaveLength(2);
    releases.shift()?.();
    await Promise.all(later);
  });
});
