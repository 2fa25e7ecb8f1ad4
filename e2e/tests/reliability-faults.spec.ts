import { expect, test } from "@playwright/test";
import { demoCase, expectedGraph } from "../support/demo-graph";
import { patchKnobs, resetSimulator, setFaults } from "../support/simulator";
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

test("a rate-limit storm: the graph shows what got through, marks the rest, and recovers on retry", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const pay101 = demoCase("PAY-101");
  // A few lookups per window, then 429 with a reset past what the BFF waits out (5 s): it
  // answers 503 and calls Datadog no more until the window's reset.
  await patchKnobs(request, { rateLimit: { limit: 4, periodSec: 30 } });

  // Not live: a re-read during the storm would fail the root too.
  await page.goto(casePath(pay101.id, "view=table&live=off"));
  await waitForSettled(page);

  const incomplete = page.getByRole("alert").filter({ hasText: "The graph is incomplete" });
  await expect(incomplete).toBeVisible();
  await expect(incomplete).toContainText("Failed entities are marked.");
  // The root is still there: a partial graph, never an empty page.
  const entities = table(page, "Entities");
  await expect(entities.getByRole("row")).not.toHaveCount(0);
  const complete = expectedGraph("PAY-101", 3);
  await expect(graphStatus(page)).not.toHaveText(complete.status);

  // Datadog recovers once its window resets; until then the BFF keeps to the reset it was
  // told, so a person retries until one click brings in everything that failed.
  await patchKnobs(request, { rateLimit: null });
  await expect(async () => {
    if ((await incomplete.count()) > 0) {
      await incomplete.getByRole("button", { name: "Retry failed" }).click({ timeout: 5_000 });
    }
    // The notice also hides while a retry is under way: only the whole graph says it worked.
    await expect(graphStatus(page)).toHaveText(complete.status, { timeout: 5_000 });
  }).toPass({ timeout: 45_000 });
  // Labels can still be arriving once every link is in.
  await expect.poll(() => entityRows(page)).toEqual(complete.entities);
  await expect(incomplete).toHaveCount(0);
});

test("an upstream that hangs: the rest of the graph arrives meanwhile, the hung node fails and retries", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const pay101 = demoCase("PAY-101");
  const chk212 = demoCase("CHK-212");
  const led310 = demoCase("LED-310");
  await setFaults(request, { [chk212.id]: "hang" });

  // Not live: a re-read on the interval would ask for the hung node again and hide its failure.
  await page.goto(casePath(pay101.id, "view=table&live=off"));
  const entities = table(page, "Entities");
  // Other branches are shown while CHK-212's lookups are still hanging.
  await expect(entities.getByRole("button", { name: led310.key, exact: true })).toBeVisible();
  await expect(entities.getByRole("button", { name: "NET-53", exact: true })).toHaveCount(0);

  // The BFF gives up after its upstream timeout (10 s by default) and the node is marked.
  await waitForSettled(page);
  const incomplete = page.getByRole("alert").filter({ hasText: "The graph is incomplete" });
  await expect(incomplete).toBeVisible();
  const failedName = `Case ${chk212.id.slice(0, 8)}`;
  const failedRow = entities.getByRole("row").filter({ hasText: failedName });
  await expect(failedRow).toContainText("(label unavailable)");

  await entities.getByRole("button", { name: failedName, exact: true }).click();
  const panel = details(page);
  await expect(panel.getByRole("alert")).toBeVisible();
  const retry = panel.getByRole("button", { name: "Retry", exact: true });

  await setFaults(request, {});
  await retry.click();

  await expect(incomplete).toHaveCount(0);
  await expect(panel.getByRole("heading", { level: 2 })).toContainText("CHK-212");
  await expect(entities.getByRole("button", { name: "NET-53", exact: true })).toBeVisible();
  const complete = expectedGraph("PAY-101", 3);
  await expect(graphStatus(page)).toHaveText(complete.status);
  expect(await entityRows(page)).toEqual(complete.entities);
});
