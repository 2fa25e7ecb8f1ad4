import { describe, expect, it } from "vitest";
import type { BatchLine } from "../contract";
import { blocksLink, uuidOf } from "../testing/link-fixtures";
import type { answerLookup, LookupItem, LookupServices } from "./answer-lookup";
import { createReadAhead } from "./read-ahead";

const n = uuidOf;
const linkOf = (parent: number, child: number) => blocksLink(n(parent), n(child));

/** A chain 0 - 1 - 2 - 3 - 4 - 5 with a side branch 1 - 6, answered by a fake lookup. */
const LINKS = [linkOf(0, 1), linkOf(1, 2), linkOf(2, 3), linkOf(3, 4), linkOf(4, 5), linkOf(1, 6)];
const linksOf = (id: string) =>
  LINKS.filter((l) => l.attributes.parent_entity_id === id || l.attributes.child_entity_id === id);

function setUp(options: { failing?: string[]; maxInFlight?: number } = {}) {
  const asked: string[] = [];
  const pushed: BatchLine[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const answer: typeof answerLookup = async (_services, item: LookupItem) => {
    asked.push(`${item.kind}:${item.id}`);
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    await Promise.resolve();
    inFlight -= 1;
    if (options.failing?.includes(item.id)) {
      return {
        kind: item.kind,
        type: item.type,
        id: item.id,
        error: { status: 502, code: "upstream_error", message: "Datadog failed." },
      };
    }
    return item.kind === "links"
      ? { kind: "links", type: item.type, id: item.id, data: linksOf(item.id) }
      : { kind: "entity", type: item.type, id: item.id, data: { type: item.type, id: item.id } };
  };
  const readAhead = createReadAhead({
    services: {} as LookupServices,
    ctx: { clientId: "c", signal: new AbortController().signal },
    push: (line) => pushed.push(line),
    answer,
    ...(options.maxInFlight ? { maxInFlight: options.maxInFlight } : {}),
  });
  const rootItem: LookupItem = { kind: "links", type: "CASE", id: n(0) };
  const rootLine: BatchLine = { kind: "links", type: "CASE", id: n(0), data: linksOf(n(0)) };
  return {
    readAhead,
    asked,
    pushed,
    mostInFlight: () => mostInFlight,
    linksRead: () => asked.filter((a) => a.startsWith("links:")).map((a) => a.slice(6)),
    startAtRoot: (ahead: number, fresh = false) => {
      readAhead.asked(rootItem);
      readAhead.after(rootItem, rootLine, ahead, fresh);
      return readAhead.idle();
    },
  };
}

describe("reading ahead of a page", () => {
  it("reads exactly the entities within `ahead` hops, links and label, and pushes each once, marked", async () => {
    const t = setUp();
    await t.startAtRoot(3);
    expect(new Set(t.linksRead())).toEqual(new Set([n(1), n(2), n(3), n(6)]));
    expect(t.asked).toHaveLength(8);
    expect(t.pushed).toHaveLength(8);
    expect(t.pushed.every((line) => "pushed" in line && line.pushed === true)).toBe(true);
  });

  it("reads nothing past an entity at the depth, nor ahead of a fresh read (a Refresh)", async () => {
    const atDepth = setUp();
    await atDepth.startAtRoot(0);
    expect(atDepth.asked).toEqual([]);
    const refresh = setUp();
    await refresh.startAtRoot(3, true);
    expect(refresh.asked).toEqual([]);
  });

  it("reads no more entities than the page's cap, the one asked for counted", async () => {
    const t = setUp();
    t.readAhead.setCap(3);
    await t.startAtRoot(5);
    expect(t.linksRead()).toHaveLength(2);
  });

  it("never pushes what the page asked for itself, nor a failure", async () => {
    const t = setUp({ failing: [n(6)] });
    t.readAhead.asked({ kind: "links", type: "CASE", id: n(2) });
    await t.startAtRoot(3);
    const pushedIds = t.pushed.map((line) => `${line.kind}:${line.id}`);
    expect(pushedIds).not.toContain(`links:${n(2)}`);
    expect(pushedIds.some((id) => id.endsWith(n(6)))).toBe(false);
    // 2 was asked, so it is not read ahead either; what lies past it still is, once 2 is
    // answered to the page and says so.
    expect(t.linksRead()).not.toContain(n(2));
  });

  it("keeps a bounded number of reads in flight, the rest waiting their turn", async () => {
    const t = setUp({ maxInFlight: 2 });
    await t.startAtRoot(5);
    expect(t.mostInFlight()).toBeLessThanOrEqual(2);
    expect(new Set(t.linksRead())).toEqual(new Set([n(1), n(2), n(3), n(4), n(5), n(6)]));
  });

  it("gives the slots to links before labels, so labels never hold back the next hop", async () => {
    const t = setUp({ maxInFlight: 1 });
    await t.startAtRoot(5);
    const firstLabel = t.asked.findIndex((a) => a.startsWith("entity:"));
    const lastLinks = t.asked.findLastIndex((a) => a.startsWith("links:"));
    // Every entity's links are read before any label is; the labels all follow.
    expect(lastLinks).toBeLessThan(firstLabel);
    expect(t.asked.filter((a) => a.startsWith("entity:"))).toHaveLength(6);
    expect(t.pushed).toHaveLength(12);
    // One slot is one read: a links read and its label are never started together.
    expect(t.mostInFlight()).toBe(1);
  });

  it("does not read a label the page has asked for itself before its turn came", async () => {
    const t = setUp({ maxInFlight: 1 });
    t.readAhead.asked({ kind: "entity", type: "CASE", id: n(2) });
    await t.startAtRoot(5);
    expect(t.linksRead()).toContain(n(2));
    expect(t.asked).not.toContain(`entity:${n(2)}`);
    expect(t.asked.filter((a) => a.startsWith("entity:"))).toHaveLength(5);
  });

  it("once stopped, reads nothing more, and lets the reads in flight finish and be sent", async () => {
    const t = setUp();
    const idle = t.startAtRoot(3);
    // The root's neighbour 1 is being read; its own neighbours (2 and 6) are not yet.
    t.readAhead.stop();
    await idle;
    expect(t.asked.sort()).toEqual([`entity:${n(1)}`, `links:${n(1)}`]);
    expect(t.pushed.map((line) => `${line.kind}:${line.id}`).sort()).toEqual(t.asked);
  });

  it("stops when its client hangs up", async () => {
    const controller = new AbortController();
    const asked: string[] = [];
    const readAhead = createReadAhead({
      services: {} as LookupServices,
      ctx: { clientId: "c", signal: controller.signal },
      answer: async (_s, item) => {
        asked.push(item.id);
        return { kind: "links", type: item.type, id: item.id, data: linksOf(item.id) };
      },
    });
    controller.abort();
    const root: LookupItem = { kind: "links", type: "CASE", id: n(0) };
    readAhead.after(root, { kind: "links", type: "CASE", id: n(0), data: linksOf(n(0)) }, 3);
    await readAhead.idle();
    expect(asked).toEqual([]);
  });
});
