import { expect, type Request, test } from "@playwright/test";
import { demoCase, expectedGraph } from "../support/demo-graph";
import {
  casePath,
  details,
  entityRows,
  graphStatus,
  legendToggle,
  linkRows,
  selectInTable,
  settledMarks,
  showTable,
  table,
  toolbar,
  waitForSettled,
} from "../support/workspace";

const pay101 = demoCase("PAY-101");

test.describe("a deep link shows exactly the entities within the depth and the links among them", () => {
  for (const depth of [3, 1, 5]) {
    test(`depth ${depth}${depth === 3 ? " (the default)" : ""}`, async ({ page }) => {
      const expected = expectedGraph("PAY-101", depth);
      await page.goto(casePath(pay101.id, depth === 3 ? "" : `depth=${depth}`));
      await waitForSettled(page);
      await expect(graphStatus(page)).toHaveText(expected.status);
      await expect(page.getByRole("group", { name: "Case dependency graph" })).toBeVisible();
      await expect(toolbar(page).getByLabel("Depth")).toHaveValue(String(depth));

      await showTable(page);
      await expect(table(page, "Entities").locator("tbody").getByRole("row")).toHaveCount(
        expected.entities.length,
      );
      expect(await entityRows(page)).toEqual(expected.entities);
      expect(await linkRows(page)).toEqual(expected.links);
      await expect(graphStatus(page)).toHaveText(expected.status);
    });
  }
});

test("turning BLOCKS off in the legend filters the view without fetching again, and survives a reload", async ({
  page,
}) => {
  // Lookups go over the lookup socket (each sent frame asks for a group of them), with the
  // page's preload and the batch route over HTTP.
  const lookups: string[] = [];
  const isLookup = (r: Request) =>
    /\/api\/(batch|links|entities|lookups)\b/.test(new URL(r.url()).pathname);
  page.on("request", (r) => {
    if (isLookup(r)) lookups.push(r.url());
  });
  page.on("websocket", (ws) => {
    if (!new URL(ws.url()).pathname.endsWith("/api/lookups")) return;
    ws.on("framesent", (frame) => lookups.push(`socket ${String(frame.payload)}`));
  });

  // Live re-reads are lookups too; off here, so every lookup counted is one the view asked for.
  await page.goto(casePath(pay101.id, "view=table&live=off"));
  await waitForSettled(page);
  const all = expectedGraph("PAY-101", 3);
  await expect(graphStatus(page)).toHaveText(all.status);
  expect(await linkRows(page)).toEqual(all.links);
  expect(lookups.length, "the graph was loaded through the lookup endpoints").toBeGreaterThan(0);
  const before = lookups.length;

  const blocks = legendToggle(page, "BLOCKS");
  await expect(blocks).toHaveAttribute("aria-pressed", "true");
  await blocks.click();
  await expect(blocks).toHaveAttribute("aria-pressed", "false");

  await expect
    .poll(() => new URL(page.url()).searchParams.get("rel"), { message: "rel= in the URL" })
    .not.toBeNull();
  const rel = (new URL(page.url()).searchParams.get("rel") ?? "").split(",");
  expect(rel).not.toContain("BLOCKS");
  expect(rel).toEqual(expect.arrayContaining(["CAUSES", "DUPLICATES", "RELATES_TO"]));

  const withoutBlocks = expectedGraph("PAY-101", 3, rel);
  await expect(table(page, "Links").getByRole("cell", { name: "BLOCKS", exact: true })).toHaveCount(
    0,
  );
  expect(await linkRows(page)).toEqual(withoutBlocks.links);
  // Two frames later anything the filter started would have been sent.
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );
  expect(lookups.slice(before), "lookups sent after the filter changed").toEqual([]);
  // The filter hides links; the graph itself is unchanged.
  await expect(graphStatus(page)).toHaveText(all.status);

  await page.reload();
  await waitForSettled(page);
  await expect(legendToggle(page, "BLOCKS")).toHaveAttribute("aria-pressed", "false");
  await expect(legendToggle(page, "CAUSES")).toHaveAttribute("aria-pressed", "true");
  expect(new URL(page.url()).searchParams.get("rel")?.split(",")).toEqual(rel);
  expect(await linkRows(page)).toEqual(withoutBlocks.links);
});

test("Make root opens the selected case as a new history entry, and Back returns to the previous root", async ({
  page,
}) => {
  const led310 = demoCase("LED-310");
  await page.goto(casePath(pay101.id, "view=table"));
  await waitForSettled(page);
  await expect(graphStatus(page)).toHaveText(expectedGraph("PAY-101", 3).status);

  await selectInTable(page, "LED-310");
  const panel = details(page);
  await expect(panel).toContainText(led310.title);
  await expect(page).toHaveURL(new RegExp(`[?&]selected=${led310.id}`));
  const historyBefore = await page.evaluate(() => history.length);

  const marks = await settledMarks(page);
  await panel.getByRole("button", { name: "Make root" }).click();
  await expect(page).toHaveURL(casePath(led310.id, "view=table"));
  expect(await page.evaluate(() => history.length)).toBe(historyBefore + 1);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`LED-310 ${led310.title}`);
  await waitForSettled(page, marks);
  const led = expectedGraph("LED-310", 3);
  await expect(graphStatus(page)).toHaveText(led.status);
  expect(await entityRows(page)).toEqual(led.entities);

  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/cases/${pay101.id}\\?`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`PAY-101 ${pay101.title}`);
  const pay = expectedGraph("PAY-101", 3);
  await expect(graphStatus(page)).toHaveText(pay.status);
  await expect(table(page, "Entities").locator("tbody").getByRole("row")).toHaveCount(
    pay.entities.length,
  );
  expect(await entityRows(page)).toEqual(pay.entities);
});

test("a URL with depth, rel, view and selected reloads to the same tables and details", async ({
  page,
}) => {
  const db77 = demoCase("DB-77");
  const query = `depth=2&rel=BLOCKS,CAUSES&view=table&selected=${db77.id}`;
  const expected = expectedGraph("PAY-101", 2, ["BLOCKS", "CAUSES"]);

  const readView = async () => {
    await waitForSettled(page);
    await expect(graphStatus(page)).toHaveText(expected.status);
    await expect(details(page).getByRole("heading", { level: 2 })).toContainText("DB-77");
    return {
      entities: await entityRows(page),
      links: await linkRows(page),
      details: ((await details(page).textContent()) ?? "").trim(),
      depth: await toolbar(page).getByLabel("Depth").inputValue(),
      blocks: await legendToggle(page, "BLOCKS").getAttribute("aria-pressed"),
      duplicates: await legendToggle(page, "DUPLICATES").getAttribute("aria-pressed"),
    };
  };

  await page.goto(casePath(pay101.id, query));
  const first = await readView();
  expect(first.entities).toEqual(expected.entities);
  expect(first.links).toEqual(expected.links);
  expect(first.details).toContain(db77.title);
  expect(first).toMatchObject({ depth: "2", blocks: "true", duplicates: "false" });

  await page.reload();
  const second = await readView();
  expect(second).toEqual(first);
  await expect(page).toHaveURL(casePath(pay101.id, query));
});

test("invalid depth and layout values fall back to the defaults with a visible notice", async ({
  page,
}) => {
  await page.goto(casePath(pay101.id, "depth=99&layout=spiral"));
  const notice = page.getByRole("status").filter({ hasText: "Ignored" });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("depth=99");
  await expect(notice).toContainText("layout=spiral");

  await waitForSettled(page);
  await expect(page.getByRole("group", { name: "Case dependency graph" })).toBeVisible();
  await expect(graphStatus(page)).toHaveText(expectedGraph("PAY-101", 3).status);
  await expect(toolbar(page).getByLabel("Depth")).toHaveValue("3");
  await expect(toolbar(page).getByLabel("Layout")).toHaveValue("layered");
});

test("a selected entity the graph does not hold is named once the graph has settled; one it holds is not", async ({
  page,
}) => {
  await page.goto(casePath(pay101.id, "selected=nope"));
  await waitForSettled(page);
  await expect(graphStatus(page)).toHaveText(expectedGraph("PAY-101", 3).status);
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: "Ignored selected=nope: no entity with this id is in the graph." }),
  ).toBeVisible();

  // A new page load: its settle marks count from zero.
  const led310 = demoCase("LED-310");
  await page.goto(casePath(pay101.id, `selected=${led310.id}`));
  await waitForSettled(page);
  await expect(details(page)).toContainText(led310.title);
  await expect(page.getByText(/Ignored selected=/)).toHaveCount(0);
});
