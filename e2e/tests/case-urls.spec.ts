import { expect, test } from "@playwright/test";
import { demoCase, expectedGraph } from "../support/demo-graph";
import { graphStatus, waitForSettled } from "../support/workspace";

test("a case key in the URL is replaced by the case's UUID, keeping the query string", async ({
  page,
}) => {
  const pay101 = demoCase("PAY-101");
  await page.goto("/cases/PAY-101?depth=2&view=table");
  await expect(page).toHaveURL(`/cases/${pay101.id}?depth=2&view=table`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`PAY-101 ${pay101.title}`);
  await waitForSettled(page);
  await expect(graphStatus(page)).toHaveText(expectedGraph("PAY-101", 2).status);
  await expect(page.getByRole("table", { name: "Entities" })).toBeVisible();

  // The key was replaced, not pushed: Back leaves the app instead of resolving the key again.
  const entries = await page.evaluate(() => history.length);
  expect(entries).toBe(2); // about:blank, then the case
});

for (const [what, path, shown, heading] of [
  ["an unknown case key", "/cases/NOPE-999", "NOPE-999", "Case not found"],
  ["something that is not a case id", "/cases/not%20a%20case", "not a case", "Not a case id"],
] as const) {
  test(`${what} shows "${heading}" with a way back`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(page.getByRole("main")).toContainText(shown);
    await page.getByRole("link", { name: "Open another case" }).click();
    await expect(page).toHaveURL("/");
    await expect(page.getByRole("heading", { level: 1, name: "casegraph" })).toBeVisible();
  });
}
