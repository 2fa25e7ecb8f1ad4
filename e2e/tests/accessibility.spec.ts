import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { demoCase, expectedGraph } from "../support/demo-graph";
import { casePath, graphStatus, showTable, waitForSettled } from "../support/workspace";

async function seriousViolations(page: Page): Promise<string> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(" ")}: ${n.failureSummary?.replace(/\n/g, " ")}`)
          .join("\n")}`,
    )
    .join("\n");
}

test("the landing page has no serious accessibility violations", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Demo cases to start with" })).toBeVisible();
  expect(await seriousViolations(page)).toBe("");
});

test("the case workspace has no serious accessibility violations in Graph and Table views", async ({
  page,
}) => {
  await page.goto(casePath(demoCase("PAY-101").id));
  await waitForSettled(page);
  await expect(graphStatus(page)).toHaveText(expectedGraph("PAY-101", 3).status);
  await expect(page.getByRole("group", { name: "Case dependency graph" })).toBeVisible();
  expect(await seriousViolations(page), "Graph view").toBe("");

  await showTable(page);
  expect(await seriousViolations(page), "Table view").toBe("");
});
