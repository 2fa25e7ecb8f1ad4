import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { demoScenario, hopDistances } from "../simulator";
import { type RunningBff, startBff, upstreamLinkCalls } from "../testing/start-bff";
import { type TempClientDir, tempClientDir } from "../testing/temp-client-dir";

const root = demoScenario.roots[0];
if (!root) throw new Error("the demo scenario needs a root");
const hops = hopDistances(demoScenario, root.id);
const within = (depth: number) =>
  new Set([...hops].filter(([, h]) => h <= depth).map(([id]) => id));

/** Entities whose links the simulator was asked for. */
const linkCalled = (bff: RunningBff) => new Set(upstreamLinkCalls(bff.sim).map((r) => r.entityId));

/** The test's own address: every request here comes from it, and so every read ahead. */
const CLIENT = "127.0.0.1";

describe("a case page read ahead while its JS loads", () => {
  let bff: RunningBff;
  let client: TempClientDir;
  beforeAll(async () => {
    client = tempClientDir();
    // A failed read ahead is not retried: the tests' usual 1 s upstream timeout could fail one
    // on a loaded machine.
    bff = await startBff({
      clientDir: client.dir,
      env: { CASEGRAPH_UPSTREAM_TIMEOUT_MS: "10000" },
    });
  });
  afterAll(async () => {
    await bff?.close();
    client?.remove();
  });
  beforeEach(() => {
    bff.sim.reset();
    bff.caches.links.clear();
    bff.caches.entities.clear();
  });

  const openPage = (query: string, headers: Record<string, string>) =>
    fetch(`${bff.url}/cases/${root.id}${query}`, { headers });

  it("a browser opening the page has every entity within the URL's depth read into the cache, once each", async () => {
    const page = await openPage("?depth=2", { "Sec-Fetch-Dest": "document" });
    expect(page.status).toBe(200);
    await bff.pageReadAheads.idle(CLIENT);
    expect(linkCalled(bff)).toEqual(within(2));
    expect(upstreamLinkCalls(bff.sim)).toHaveLength(within(2).size);
    // What the page then asks for is answered from what was read ahead.
    const [neighbour] = [...within(1)].filter((id) => id !== root.id);
    await fetch(`${bff.url}/api/links?entity_type=CASE&entity_id=${neighbour}`);
    expect(upstreamLinkCalls(bff.sim)).toHaveLength(within(2).size);
  });

  it("reads the client's default depth (3) when the URL names none, and no more than its cap", async () => {
    await openPage("", { "Sec-Fetch-Dest": "document" });
    await bff.pageReadAheads.idle(CLIENT);
    expect(linkCalled(bff)).toEqual(within(3));

    bff.sim.reset();
    bff.caches.links.clear();
    await openPage("?depth=3&cap=3", { "Sec-Fetch-Dest": "document" });
    await bff.pageReadAheads.idle(CLIENT);
    expect(linkCalled(bff).size).toBe(3);
  });

  it("a link-preview fetch (no Sec-Fetch-Dest) starts no read ahead; a browser's page does", async () => {
    const page = await openPage("?depth=3", {});
    expect(page.status).toBe(200);
    // Started before the HTML is sent, a read ahead would still be under way.
    expect(bff.pageReadAheads.active(CLIENT)).toBe(false);
    expect([...linkCalled(bff)].filter((entity) => entity !== root.id)).toEqual([]);
  });

  it("a browser's page is not held for the case's name, which a link-preview bot waits for", async () => {
    // The root's label hangs: a bot's preview waits up to its limit, a browser's page does not.
    bff.sim.setKnobs({ faults: { [root.id]: "hang" } });
    const order: string[] = [];
    const bot = openPage("", {}).then(async (r) => {
      order.push("bot");
      return r.text();
    });
    const browser = openPage("", { "Sec-Fetch-Dest": "document" }).then(async (r) => {
      order.push("browser");
      return r.text();
    });
    const [botHtml, browserHtml] = await Promise.all([bot, browser]);
    expect(order).toEqual(["browser", "bot"]);
    expect(browserHtml).toContain("<title>casegraph</title>");
    expect(botHtml).toContain("<title>casegraph</title>");
  });

  it("a browser's page names the case when its name is already known", async () => {
    await (await openPage("", {})).text();
    const html = await (await openPage("", { "Sec-Fetch-Dest": "document" })).text();
    expect(html).toContain(`<title>${root.key}: `);
  });
});
