import { expect, type Locator, type Page } from "@playwright/test";

/** The expansion records this mark each time nothing is pending any more. */
export async function settledMarks(page: Page): Promise<number> {
  return page.evaluate(() => performance.getEntriesByName("casegraph:settled").length);
}

/** Waits until the graph has settled more often than `before` times since the page loaded. */
export async function waitForSettled(page: Page, before = 0): Promise<void> {
  await page.waitForFunction(
    (n) => performance.getEntriesByName("casegraph:settled").length > n,
    before,
  );
}

/** The status bar's "N entities · M links". */
export function graphStatus(page: Page): Locator {
  return page.getByRole("status").filter({ hasText: /\d+ entit(y|ies) · \d+ links?/ });
}

export function table(page: Page, name: "Entities" | "Links"): Locator {
  return page.getByRole("table", { name });
}

/** The cells of each body row, as the user reads them. */
async function bodyRows(page: Page, name: "Entities" | "Links"): Promise<string[][]> {
  return table(page, name)
    .locator("tbody")
    .getByRole("row")
    .evaluateAll((rows) =>
      rows.map((row) =>
        Array.from((row as HTMLTableRowElement).cells, (cell) => (cell.textContent ?? "").trim()),
      ),
    );
}

/** "KEY · hops" per Entities row, sorted. */
export async function entityRows(page: Page): Promise<string[]> {
  const rows = await bodyRows(page, "Entities");
  return rows.map((cells) => `${cells[0]} · ${cells[5]}`).sort();
}

/** "PARENT RELATIONSHIP CHILD" per Links row, sorted. */
export async function linkRows(page: Page): Promise<string[]> {
  const rows = await bodyRows(page, "Links");
  return rows.map((cells) => cells.join(" ")).sort();
}

export function toolbar(page: Page): Locator {
  return page.getByRole("toolbar", { name: "Graph controls" });
}

export async function showTable(page: Page): Promise<void> {
  const button = toolbar(page).getByRole("button", { name: "Table", exact: true });
  await button.click();
  await expect(button).toHaveAttribute("aria-pressed", "true");
  await expect(table(page, "Entities")).toBeVisible();
}

export function details(page: Page): Locator {
  return page.getByRole("region", { name: "Details" });
}

export function legendToggle(page: Page, relationship: string): Locator {
  return page
    .getByRole("navigation", { name: "Relationships" })
    .getByRole("button", { name: relationship, exact: true });
}

/** Selects an entity the way a keyboard user would: its key button in the Entities table. */
export async function selectInTable(page: Page, name: string): Promise<void> {
  await table(page, "Entities").getByRole("button", { name, exact: true }).click();
  await expect(details(page).getByRole("heading", { level: 2 })).toContainText(name);
}

export function casePath(id: string, query = ""): string {
  return `/cases/${id}${query ? `?${query}` : ""}`;
}
