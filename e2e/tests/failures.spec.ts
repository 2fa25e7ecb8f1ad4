import { expect, test } from "@playwright/test";
import { demoCase, expectedGraph } from "../support/demo-graph";
import { resetSimulator, setFaults } from "../support/simulator";
import {
  casePath,
  details,
  entityRows,
  graphStatus,
  table,
  waitForSettled,
} from "../support/workspace";

test.beforeEach(async ({ request }) => {
  await resetSimulator(request);
});

test.afterEach(async ({ request }) => {
  await resetSimulator(request);
});

test("a failed entity is marked and can be retried once the upstream recovers", async ({
  page,
  request,
}) => {
  const pay101 = demoCase("PAY-101");
  // CHK-212 blocks PAY-101 directly; NET-53 and NET-60 are reached only through it.
  const chk212 = demoCase("CHK-212");
  await setFaults(request, { [chk212.id]: "error" });

  await page.goto(casePath(pay101.id, "view=table"));
  await waitForSettled(page);

  const incomplete = page.getByRole("alert").filter({ hasText: "The graph is incomplete" });
  await expect(incomplete).toBeVisible();
  await expect(incomplete).toContainText("Failed entities are marked.");

  // Its row is still there, marked as unreadable; its neighbours behind it are not.
  const failedName = `Case ${chk212.id.slice(0, 8)}`;
  const entities = table(page, "Entities");
  const failedRow = entities.getByRole("row").filter({ hasText: failedName });
  await expect(failedRow).toHaveCount(1);
  await expect(failedRow).toContainText("(label unavailable)");
  await expect(failedRow.getByRole("cell").last()).toHaveText("1");
  await expect(entities.getByRole("button", { name: "NET-53", exact: true })).toHaveCount(0);
  await expect(entities.getByRole("button", { name: "NET-60", exact: true })).toHaveCount(0);

  await entities.getByRole("button", { name: failedName, exact: true }).click();
  const panel = details(page);
  await expect(panel.getByRole("heading", { level: 2 })).toContainText(failedName);
  const error = panel.getByRole("alert");
  await expect(error).toBeVisible();
  await expect(error).not.toHaveText(/^\s*Retry\s*$/);
  const retry = panel.getByRole("button", { name: "Retry", exact: true });
  await expect(retry).toBeVisible();

  await setFaults(request, {});
  await retry.click();

  await expect(incomplete).toHaveCount(0);
  await expect(panel.getByRole("heading", { level: 2 })).toContainText("CHK-212");
  await expect(panel).toContainText(chk212.title);
  await expect(panel.getByRole("alert")).toHaveCount(0);
  await expect(entities.getByRole("button", { name: "NET-53", exact: true })).toBeVisible();
  await expect(entities.getByRole("button", { name: "NET-60", exact: true })).toBeVisible();
  const expected = expectedGraph("PAY-101", 3);
  await expect(graphStatus(page)).toHaveText(expected.status);
  expect(await entityRows(page)).toEqual(expected.entities);
});

test('"Retry failed" in the incomplete-graph notice retries every failed entity', async ({
  page,
  request,
}) => {
  const pay101 = demoCase("PAY-101");
  const led310 = demoCase("LED-310");
  await setFaults(request, { [led310.id]: "error" });

  await page.goto(casePath(pay101.id, "view=table"));
  await waitForSettled(page);
  const incomplete = page.getByRole("alert").filter({ hasText: "The graph is incomplete" });
  await expect(incomplete).toBeVisible();
  const entities = table(page, "Entities");
  await expect(
    entities.getByRole("row").filter({ hasText: `Case ${led310.id.slice(0, 8)}` }),
  ).toHaveCount(1);
  // FIN-77 hangs off LED-310 only.
  await expect(entities.getByRole("button", { name: "FIN-77", exact: true })).toHaveCount(0);

  await setFaults(request, {});
  await incomplete.getByRole("button", { name: "Retry failed" }).click();

  await expect(incomplete).toHaveCount(0);
  await expect(entities.getByRole("button", { name: "LED-310", exact: true })).toBeVisible();
  await expect(entities.getByRole("button", { name: "FIN-77", exact: true })).toBeVisible();
  await expect(graphStatus(page)).toHaveText(expectedGraph("PAY-101", 3).status);
});
