import { expect, test } from "@playwright/test";
import { demoCase, expectedGraph } from "../support/demo-graph";
import { clearUpstreamRequests, resetSimulator, upstreamRequests } from "../support/simulator";
import {
  casePath,
  entityRows,
  graphStatus,
  linkRows,
  showTable,
  waitForSettled,
} from "../support/workspace";

const pay101 = demoCase("PAY-101");

test.beforeEach(async ({ request }) => {
  await resetSimulator(request);
});

test("Copy as checklist puts every open blocker on the clipboard in the clear order, with assignees and Datadog links", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(casePath(pay101.id, "live=off"));
  await waitForSettled(page);
  const insights = page.getByRole("complementary", { name: "Insights" });
  const order = insights
    .getByRole("region", { name: "Clear in this order" })
    .locator(".insights-entity__name");
  await expect(order.first()).toBeVisible();
  const names = await order.allTextContents();
  const openBlockers = await insights
    .getByRole("region", { name: "Open blockers" })
    .getByRole("list")
    .first()
    .locator(".insights-entity__name")
    .allTextContents();
  expect(new Set(names)).toEqual(new Set(openBlockers));

  await insights.getByRole("button", { name: "Copy as checklist" }).click();
  await expect(insights.getByRole("status").filter({ hasText: "Checklist copied" })).toBeVisible();
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  expect(markdown).toContain("## Clear order for PAY-101");
  const named = markdown
    .split("\n")
    .map((line) => /\*\*([A-Z]+-\d+)\*\*/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
  expect(named, "every open blocker, in the order Insights gives").toEqual(names);
  const chk212 = markdown.split("\n").find((line) => line.includes("**CHK-212**")) ?? "";
  expect(chk212).toContain("Marcus");
  expect(chk212).toContain(
    `[Open in Datadog](https://app.datadoghq.com/cases/${demoCase("CHK-212").id})`,
  );
  // The demo's outage began hours before its simulator started: open for hours, not days.
  expect(chk212).toMatch(/open \d+ h( \d+ min)?\b/);
});

test("a snapshot link opened in a fresh browser shows the same entities, links and statuses, as of its time, without asking Datadog", async ({
  page,
  context,
  browser,
  request,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(casePath(pay101.id, "live=off&view=table"));
  await waitForSettled(page);
  const expected = expectedGraph("PAY-101", 3);
  await expect(graphStatus(page)).toHaveText(expected.status);
  const entities = await entityRows(page);
  const links = await linkRows(page);
  const statuses = await page
    .getByRole("table", { name: "Entities" })
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((row) => (row.textContent ?? "").trim()).sort());

  await page.getByRole("button", { name: "Copy snapshot link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Snapshot link copied" })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(link).pathname).toBe("/snapshot");
  expect(new URL(link).hash).toMatch(/^#snapshot=/);

  await clearUpstreamRequests(request);
  const fresh = await browser.newContext();
  try {
    const other = await fresh.newPage();
    await other.goto(link);
    await expect(other.getByRole("status").filter({ hasText: "Snapshot as of" })).toBeVisible();
    await expect(graphStatus(other)).toHaveText(expected.status);
    await showTable(other);
    expect(await entityRows(other)).toEqual(entities);
    expect(await linkRows(other)).toEqual(links);
    const otherStatuses = await other
      .getByRole("table", { name: "Entities" })
      .locator("tbody tr")
      .evaluateAll((rows) => rows.map((row) => (row.textContent ?? "").trim()).sort());
    expect(otherStatuses).toEqual(statuses);
    // A frozen graph has nothing to re-read: Refresh is off and says why.
    const refresh = other.getByRole("button", { name: "Refresh" });
    await expect(refresh).toBeDisabled();
    await expect(refresh).toHaveAccessibleDescription(/open the live case to refresh/);
    expect(await upstreamRequests(request), "no upstream call").toEqual([]);
  } finally {
    await fresh.close();
  }
});
