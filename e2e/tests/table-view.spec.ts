import { expect, test } from "@playwright/test";
import { demoCase } from "../support/demo-graph";
import { casePath, showTable, table, toolbar, waitForSettled } from "../support/workspace";

test.use({ viewport: { width: 1280, height: 720 } });

test("the tables split no word across lines and write statuses and priorities as the page does", async ({
  page,
}) => {
  await page.goto(casePath(demoCase("PAY-101").id, "live=off"));
  await waitForSettled(page);
  await showTable(page);
  const entities = table(page, "Entities");

  // Each word of each cell lies on one line: a word cut in two has two line boxes.
  const split = await entities.evaluate((element) => {
    const cut: string[] = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const value = text.nodeValue ?? "";
      for (const match of value.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(text, match.index);
        range.setEnd(text, match.index + match[0].length);
        if (range.getClientRects().length > 1) cut.push(match[0]);
      }
    }
    return cut;
  });
  expect(split, "words split across lines").toEqual([]);

  const root = entities.getByRole("row").filter({ hasText: "PAY-101" });
  await expect(root.getByRole("cell", { name: "In progress", exact: true })).toBeVisible();
  await expect(entities.getByRole("cell", { name: /IN_PROGRESS|NOT_DEFINED/ })).toHaveCount(0);
});

test("the search field's placeholder fits in the field", async ({ page }) => {
  await page.goto(casePath(demoCase("PAY-101").id, "live=off"));
  const search = toolbar(page).getByRole("combobox", { name: "Search by key or title" });
  await expect(search).toBeVisible();
  const placeholder = (await search.getAttribute("placeholder")) ?? "";
  expect(placeholder, "the field says what to type").not.toBe("");
  // The placeholder's text typed in the field: it fits when the field need not scroll. The
  // field lays out its own parts (the clear button's room) the same way with or without text.
  await search.fill(placeholder);
  const widths = await search.evaluate((input) => ({
    text: input.scrollWidth,
    field: input.clientWidth,
  }));
  expect(widths.text, "the placeholder's width within the field").toBeLessThanOrEqual(widths.field);
});
