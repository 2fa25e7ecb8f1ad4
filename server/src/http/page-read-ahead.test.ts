import { describe, expect, it } from "vitest";
import type { LookupServices } from "../services/answer-lookup";
import type { LookupOptions } from "../services/lookup-cache";
import { blocksLink, uuidOf } from "../testing/link-fixtures";
import { createPageReadAheads } from "./page-read-ahead";

const n = uuidOf;

/** Links lookups held until the test answers them; every root has one neighbour, its `+100`. */
function heldServices() {
  const reads: Array<{ id: string; signal: AbortSignal | undefined; answer: () => void }> = [];
  const services = {
    links: {
      linksOf: (_type: string, id: string, options: LookupOptions = {}) =>
        new Promise((resolve, reject) => {
          const neighbour = n(Number(id.slice(-12)) + 100);
          reads.push({
            id,
            signal: options.signal,
            answer: () => resolve({ value: { links: [blocksLink(id, neighbour)] } }),
          });
          options.signal?.addEventListener("abort", () => reject(options.signal?.reason));
        }),
    },
    entities: { labelOf: async (type: string, id: string) => ({ value: { type, id } }) },
    logger: {},
  } as unknown as LookupServices;
  const readOf = (id: string) => reads.find((read) => read.id === id);
  return { services, reads, readOf };
}

const page = (rootId: string) => ({ clientId: "c", rootId, depth: 1, cap: 100 });

describe("the read ahead of a case page, one per client", () => {
  it("joins the read under way when the same page is opened again from the same address", () => {
    const { services, reads } = heldServices();
    const aheads = createPageReadAheads(services);
    aheads.start(page(n(1)));
    aheads.start(page(n(1)));
    aheads.start(page(n(1)));
    expect(reads.map((read) => read.id)).toEqual([n(1)]);
  });

  it("stops reading a page when the client opens another, but lets its call in flight finish", async () => {
    const { services, reads, readOf } = heldServices();
    const aheads = createPageReadAheads(services);
    aheads.start(page(n(1)));
    aheads.start(page(n(2)));
    const first = readOf(n(1));
    expect(first?.signal?.aborted).toBe(false);
    first?.answer();
    readOf(n(2))?.answer();
    // Page 2 goes on to its neighbour; page 1, stopped, does not.
    await expect.poll(() => reads.map((read) => read.id)).toEqual([n(1), n(2), n(102)]);
    readOf(n(102))?.answer();
    await aheads.idle("c");
    expect(aheads.active("c")).toBe(false);
    expect(reads.map((read) => read.id)).toEqual([n(1), n(2), n(102)]);
  });

  it("keeps at most two per client: a third page stops the first's calls in flight too", () => {
    const { services, readOf } = heldServices();
    const aheads = createPageReadAheads(services);
    aheads.start(page(n(1)));
    aheads.start(page(n(2)));
    aheads.start(page(n(3)));
    expect(readOf(n(1))?.signal?.aborted).toBe(true);
    expect(readOf(n(2))?.signal?.aborted).toBe(false);
    expect(readOf(n(3))?.signal?.aborted).toBe(false);
  });

  it("gives up at its deadline, the calls in flight included", async () => {
    const { services, readOf } = heldServices();
    const aheads = createPageReadAheads(services, { deadlineMs: 1 });
    aheads.start(page(n(1)));
    const signal = readOf(n(1))?.signal;
    await expect.poll(() => signal?.aborted).toBe(true);
    await aheads.idle("c");
    expect(aheads.active("c")).toBe(false);
  });
});
