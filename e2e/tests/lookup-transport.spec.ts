import { expect, type Page, test, type WebSocket } from "@playwright/test";
import { demoCase, expectedGraph } from "../support/demo-graph";
import { resetSimulator } from "../support/simulator";
import { casePath, entityRows, graphStatus, waitForSettled } from "../support/workspace";

const pay101 = demoCase("PAY-101");
const expected = expectedGraph("PAY-101", 3);

test.beforeEach(async ({ request }) => {
  await resetSimulator(request);
});

/** Every lookup request the page makes besides the socket, and the sockets it opens. */
function watch(page: Page) {
  const batches: string[] = [];
  const gets: string[] = [];
  const sockets: WebSocket[] = [];
  const sentFrames: string[] = [];
  const answerFrames: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname === "/api/batch") batches.push(request.postData() ?? "");
    if (url.pathname === "/api/lookups" && request.method() === "GET") gets.push(url.search);
  });
  page.on("websocket", (ws) => {
    if (!ws.url().endsWith("/api/lookups")) return;
    sockets.push(ws);
    ws.on("framesent", (frame) => sentFrames.push(String(frame.payload)));
    ws.on("framereceived", (frame) => answerFrames.push(String(frame.payload)));
  });
  return { batches, gets, sockets, sentFrames, answerFrames };
}

test("the graph loads over the lookup socket, without batch requests", async ({ page }) => {
  const seen = watch(page);
  await page.goto(casePath(pay101.id, "view=table"));
  await waitForSettled(page);
  await expect(graphStatus(page)).toHaveText(expected.status);
  expect(await entityRows(page)).toEqual(expected.entities);

  expect(seen.sockets).toHaveLength(1);
  expect(seen.batches).toEqual([]);
  // Every entity but the root (whose first lookups came with the page) was answered over the
  // socket: its links and its label, one NDJSON line each (a frame may carry several).
  const answers = seen.answerFrames.flatMap((frame) => frame.split("\n"));
  expect(answers.length).toBeGreaterThanOrEqual(2 * (expected.entities.length - 1));
});

test("the socket is the one the page's HTML opened before the app ran, and the only one", async ({
  page,
}) => {
  // Records each socket made and how far the document was then (its HTML still being parsed,
  // or the app's module running after it), and any script the page's policy refused.
  await page.addInitScript(() => {
    const made: string[] = [];
    const refused: string[] = [];
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        made.push(document.readyState);
      }
    };
    document.addEventListener("securitypolicyviolation", (event) =>
      refused.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
    Object.assign(window, { socketsMade: made, refusedByPolicy: refused });
  });
  const seen = watch(page);
  await page.goto(casePath(pay101.id, "view=table"));
  await waitForSettled(page);
  await expect(graphStatus(page)).toHaveText(expected.status);
  expect(await entityRows(page)).toEqual(expected.entities);

  const { made, refused } = await page.evaluate(() => {
    const w = window as unknown as { socketsMade: string[]; refusedByPolicy: string[] };
    return { made: w.socketsMade, refused: w.refusedByPolicy };
  });
  expect(made, "sockets made, by document.readyState").toEqual(["loading"]);
  expect(refused).toEqual([]);
  expect(seen.sockets).toHaveLength(1);
  expect(seen.sentFrames.length).toBeGreaterThan(0);
  expect(seen.batches).toEqual([]);
});

test("the server reads ahead of the page: answers arrive on the socket before they are asked for", async ({
  page,
}) => {
  const seen = watch(page);
  await page.goto(casePath(pay101.id, "view=table&live=off"));
  await waitForSettled(page);
  await expect(graphStatus(page)).toHaveText(expected.status);
  expect(await entityRows(page)).toEqual(expected.entities);

  const asked = seen.sentFrames
    .map((frame) => JSON.parse(frame) as { links?: unknown[]; entities?: unknown[] })
    .reduce((n, message) => n + (message.links?.length ?? 0) + (message.entities?.length ?? 0), 0);
  const answers = seen.answerFrames.flatMap((frame) => frame.split("\n"));
  // Without reading ahead every answer is one the page asked for: as many as it asked. (This
  // suite's server keeps no answers in its cache, so the page's lookups race the reads ahead
  // here; with a cache, the page's HTML has the graph read before its JS asks for it.)
  expect(answers.length).toBeGreaterThanOrEqual(2 * (expected.entities.length - 1));
  expect(asked, `${asked} lookups asked, ${answers.length} answers`).toBeLessThan(answers.length);
});

test("the graph still loads when WebSockets are blocked, by the batch route", async ({ page }) => {
  await page.routeWebSocket(/\/api\/lookups$/, (ws) => ws.close({ code: 1011 }));
  const seen = watch(page);
  await page.goto(casePath(pay101.id, "view=table"));
  await waitForSettled(page);
  await expect(graphStatus(page)).toHaveText(expected.status);
  expect(await entityRows(page)).toEqual(expected.entities);
  expect(seen.batches.length).toBeGreaterThan(0);
  expect(seen.answerFrames).toEqual([]);
});

test("the root's first lookups are the page's preload, fetched once", async ({ page }) => {
  const seen = watch(page);
  await page.goto(casePath(pay101.id, "view=table"));
  await waitForSettled(page);
  await expect(graphStatus(page)).toHaveText(expected.status);

  const preload = page.locator('link[rel="preload"][as="fetch"]');
  await expect(preload).toHaveAttribute(
    "href",
    `/api/lookups?links=CASE:${pay101.id}&entities=CASE:${pay101.id}`,
  );
  // One request left the browser for it: the client's fetch was answered from the preload.
  expect(seen.gets).toEqual([`?links=CASE:${pay101.id}&entities=CASE:${pay101.id}`]);
  const entries = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .filter((e) => e.name.includes("/api/lookups?"))
      .map((e) => (e as PerformanceResourceTiming).initiatorType),
  );
  expect(entries).toEqual(["link"]);
  // Nor did the root's links go over the socket or the batch route.
  const linksAsked = seen.sentFrames.flatMap(
    (f) => (JSON.parse(f) as { links?: Array<{ id: string }> }).links ?? [],
  );
  expect(linksAsked.length).toBeGreaterThan(0);
  expect(linksAsked.filter((ref) => ref.id === pay101.id)).toEqual([]);
  expect(seen.batches).toEqual([]);
});
