import { expect, type Page, test } from "@playwright/test";
import { drawnGraph, restingPositions } from "../support/canvas";
import { canvasNodes } from "../support/canvas-nodes";
import { demo, demoCase, expectedGraph } from "../support/demo-graph";
import { addLink, changeCase, removeLink, resetSimulator } from "../support/simulator";
import { casePath, graphStatus, settledMarks, toolbar, waitForSettled } from "../support/workspace";

const pay101 = demoCase("PAY-101");
const nodeId = (key: string) => `CASE:${demoCase(key).id}`;

function demoLinkId(parent: string, relationship: string, child: string): string {
  const found = demo.links.find(
    (l) =>
      l.parent.id === demoCase(parent).id &&
      l.child.id === demoCase(child).id &&
      l.relationship === relationship,
  );
  if (!found) throw new Error(`no demo link ${parent} ${relationship} ${child}`);
  return found.id;
}

const strip = (page: Page) => page.getByRole("region", { name: "Changes" });

/** Waits for `n` more readings to settle after `before`, and returns the new count. */
async function readings(page: Page, before: number, n: number): Promise<number> {
  await waitForSettled(page, before + n - 1);
  return settledMarks(page);
}

test.beforeEach(async ({ request }) => {
  await resetSimulator(request);
});

test.afterEach(async ({ request }) => {
  // The next test starts on the demo data as loaded.
  await resetSimulator(request);
});

test("changes made in Datadog while the page is open are picked up on the next reading, highlighted and listed, and nothing else moves", async ({
  page,
  request,
}) => {
  await page.goto(casePath(pay101.id, "live=2"));
  await waitForSettled(page);
  // One re-read of an unchanged graph: it redraws nothing and the layout stays.
  let marks = await readings(page, await settledMarks(page), 1);
  const before = await restingPositions(page);
  marks = await readings(page, marks, 1);
  expect(await restingPositions(page)).toEqual(before);
  await expect(strip(page).getByRole("list", { name: "What changed" })).toHaveText("No changes.");
  await expect(strip(page)).toContainText(/Updated \d+ s ago/);

  await changeCase(request, "LED-310", { status: "CLOSED" });
  await changeCase(request, "CHK-212", { priority: "P2" });
  // DB-60 is four hops away, so not on the graph until it blocks PAY-101.
  await changeCase(request, "DB-60", { status: "OPEN" });
  await addLink(request, {
    id: "live-new-blocker",
    parent: "DB-60",
    child: "PAY-101",
    relationship: "BLOCKS",
  });
  const removed = demoLinkId("RISK-12", "RELATES_TO", "CHK-212");
  await removeLink(request, removed);

  // A reading may have been under way when the data changed; the one after it sees everything.
  marks = await readings(page, await settledMarks(page), 2);
  const changes = strip(page).getByRole("list", { name: "What changed" });
  await expect(changes).toContainText("1 blocker closed (LED-310)");
  await expect(changes).toContainText("1 new blocker (DB-60)");
  await expect(changes).toContainText("CHK-212 is now P2");
  await expect(changes).toContainText(/link removed/);

  // The canvas marks what changed; read from cytoscape until the marks are drawn.
  const classesOf = async (id: string) => {
    const drawn = await drawnGraph(page);
    return (
      drawn.nodes.find((n) => n.id === id)?.classes ??
      drawn.edges.find((e) => e.id === id)?.classes ??
      []
    );
  };
  await expect.poll(() => classesOf(nodeId("DB-60"))).toContain("live-new");
  await expect.poll(() => classesOf("live-new-blocker")).toContain("live-new");
  await expect.poll(() => classesOf(nodeId("LED-310"))).toContain("live-cleared");
  await expect.poll(() => classesOf(nodeId("CHK-212"))).toContain("live-changed");
  await expect
    .poll(() => classesOf(removed), { message: "the removed link stays as a ghost" })
    .toContain("live-ghost");
  const drawn = await drawnGraph(page);

  // Every node that was there keeps its place; the new ones overlap nothing.
  const after = await restingPositions(page);
  for (const [id, position] of before) {
    if (after.has(id)) expect(after.get(id), `${id} moved`).toEqual(position);
  }
  const fresh = drawn.nodes.filter((n) => !before.has(n.id));
  expect(fresh.map((n) => n.id)).toContain(nodeId("DB-60"));
  for (const node of fresh) {
    for (const other of drawn.nodes) {
      if (other.id === node.id) continue;
      const apart =
        node.x2 <= other.x1 || other.x2 <= node.x1 || node.y2 <= other.y1 || other.y2 <= node.y1;
      expect(apart, `${node.id} overlaps ${other.id}`).toBe(true);
    }
  }

  // Each entity in the strip selects its node.
  await changes.getByRole("button", { name: "DB-60" }).click();
  await expect
    .poll(() => new URL(page.url()).searchParams.get("selected"))
    .toBe(demoCase("DB-60").id);
  expect(marks).toBeGreaterThan(0);
});

test("the moment the root's last open blocker clears, it is announced", async ({
  page,
  request,
}) => {
  const fin77 = demoCase("FIN-77");
  await page.goto(casePath(fin77.id, "live=2"));
  await waitForSettled(page);
  const insights = page.getByRole("complementary", { name: "Insights" });
  await expect(insights).toContainText("1 open blocker");
  const announcement = page.getByRole("alert").filter({ hasText: "Nothing blocks FIN-77" });
  await expect(announcement).toHaveCount(0);

  await changeCase(request, "LED-310", { status: "CLOSED" });
  await expect(announcement).toBeVisible();
  await expect(announcement).toHaveAttribute("aria-live", "assertive");
  await expect(insights).toContainText("0 open blockers");
});

test("a hidden tab sends no reads, and coming back reads at once", async ({ page }) => {
  await page.addInitScript(() => {
    // Lookups leave by the socket, the batch route or the preloaded GET: count them all.
    const counts = { batch: 0 };
    (window as unknown as { __lookups: typeof counts }).__lookups = counts;
    const original = window.fetch.bind(window);
    window.fetch = (input, init) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      if (/\/api\/(batch|lookups)/.test(url)) counts.batch++;
      return original(input, init);
    };
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (this: WebSocket, data) {
      counts.batch++;
      return send.call(this, data);
    };
    // The tab is in the background from the start.
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
  });
  // The page's clock is ours to move, so intervals pass without the test waiting for them.
  await page.clock.install();
  await page.goto(casePath(pay101.id, "live=2"));
  const expected = expectedGraph("PAY-101", 3);
  // Opening the page reads the graph once, visible or not: every lookup answered, labels too.
  await expect(graphStatus(page)).toHaveText(expected.status);
  const lookups = () =>
    page.evaluate(() => (window as unknown as { __lookups: { batch: number } }).__lookups.batch);
  // The opening read is over once no lookup leaves while the page's clock moves on (the
  // installed clock also stands in for performance marks, so "settled" cannot be read here).
  let previous = -1;
  await expect
    .poll(async () => {
      const now = await lookups();
      const quiet = now === previous;
      previous = now;
      if (!quiet) await page.clock.runFor(500);
      return quiet;
    })
    .toBe(true);

  const hidden = await lookups();
  expect(hidden).toBeGreaterThan(0);
  // Ten intervals pass while hidden.
  await page.clock.runFor(20_000);
  expect(await lookups()).toBe(hidden);

  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", {
      configurable: true,
      get: () => "visible",
    });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  // Back in view: a read at once, without waiting for the interval.
  await expect.poll(lookups).toBeGreaterThan(hidden);
  await expect(graphStatus(page)).toHaveText(expected.status);
  const visible = await lookups();
  await page.clock.runFor(2_500);
  await expect.poll(lookups, { message: "the interval runs again" }).toBeGreaterThan(visible);
});

test("live=off never re-reads, and a bad live value says why", async ({ page }) => {
  await page.goto(casePath(pay101.id, "live=soon"));
  await expect(
    page.getByText(/Ignored live=soon: live must be off or a whole number/),
  ).toBeVisible();
  await expect(strip(page)).toContainText("live, every 30 s");
  await page.goto(casePath(pay101.id, "live=off"));
  await waitForSettled(page);
  await expect(strip(page)).toContainText("live updates off");
});

test("fewer hops is a change of view, not of Datadog: nothing is listed as no longer linked", async ({
  page,
}) => {
  await page.goto(casePath(pay101.id, "live=off"));
  await waitForSettled(page);
  const changes = strip(page).getByRole("list", { name: "What changed" });
  await expect(changes).toHaveText("No changes.");
  const entities = async () =>
    Number(((await graphStatus(page).textContent()) ?? "").match(/\d+/)?.[0]);
  const deep = await entities();
  const depth = toolbar(page).getByLabel("Depth");
  for (const hops of ["2", "1", "3"]) {
    const marks = await settledMarks(page);
    await depth.selectOption(hops);
    await waitForSettled(page, marks);
    await expect.poll(() => new URL(page.url()).searchParams.get("depth") ?? "3").toBe(hops);
    // The new view's graph is on screen (and so the reading it makes) before the strip is read.
    if (hops === "3") await expect.poll(entities).toBe(deep);
    else await expect.poll(entities).toBeLessThan(deep);
    await expect(changes).toHaveText("No changes.");
  }
});

test("Refresh shows what Datadog says now for every entity drawn, the outermost hop included", async ({
  page,
  request,
}) => {
  await page.goto(casePath(pay101.id, "live=off"));
  await waitForSettled(page);
  // The label cytoscape draws for a node: what a person reads on the canvas.
  const drawnLabel = async (key: string) =>
    (await canvasNodes(page)).find((node) => node.id === nodeId(key))?.label ?? "";
  await expect.poll(() => drawnLabel("NET-51")).toContain("NET-51 · P2");
  await expect.poll(() => drawnLabel("LED-310")).toContain("LED-310 · P1");
  // NET-51 is three hops out, at the depth: the outermost entities the graph draws.
  await changeCase(request, "NET-51", { priority: "P5" });
  await changeCase(request, "LED-310", { priority: "P4" });

  const marks = await settledMarks(page);
  await page.getByRole("button", { name: "Refresh" }).click();
  await waitForSettled(page, marks);
  await expect.poll(() => drawnLabel("NET-51")).toContain("NET-51 · P5");
  await expect.poll(() => drawnLabel("LED-310")).toContain("LED-310 · P4");
});
