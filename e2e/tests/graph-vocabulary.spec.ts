import { expect, type Page, test } from "@playwright/test";
import { canvasNodes } from "../support/canvas-nodes";
import { demo, demoCase, expectedGraph } from "../support/demo-graph";
import { waitForStillPicture } from "../support/picture";
import { casePath, graphStatus, table, toolbar, waitForSettled } from "../support/workspace";

const pay101 = demoCase("PAY-101");
const original = demoCase("CHK-230");
const copies = demo.links
  .filter((l) => l.relationship === "DUPLICATES" && l.child.id === original.id)
  .map((l) => l.parent.id);

function insights(page: Page) {
  return page.getByRole("complementary", { name: "Insights" });
}

test("Group duplicates draws the cluster as one node with a count, and the tables and Insights agree", async ({
  page,
}) => {
  const shown = expectedGraph("PAY-101", 3);
  const inGraph = copies.filter((id) =>
    shown.entities.some((row) => row.startsWith(`${demoCase(keyOf(id)).key} ·`)),
  );
  expect(inGraph.length, "the demo cluster is within the default depth").toBe(3);

  await page.goto(casePath(pay101.id));
  await waitForSettled(page);
  const all = await waitForStillPicture(page);
  expect(all.nodes).toHaveLength(shown.entities.length);

  const group = toolbar(page).getByRole("button", { name: "Group duplicates" });
  await group.click();
  await expect(group).toHaveAttribute("aria-pressed", "true");
  await expect(page).toHaveURL(/dup=collapse/);
  await expect.poll(async () => (await canvasNodes(page)).length).toBe(all.nodes.length - 3);
  const nodes = await canvasNodes(page);
  const cluster = nodes.find((n) => n.id === `CASE:${original.id}`);
  expect(cluster?.label).toContain("CHK-230");
  expect(cluster?.label).toContain("+3 duplicates");
  for (const id of copies) expect(nodes.some((n) => n.id === `CASE:${id}`)).toBe(false);

  // Insights names the same original.
  const duplicates = insights(page).getByRole("region", { name: "Duplicates" });
  await expect(duplicates.getByRole("button").first()).toContainText("CHK-230");

  // The tables list the cluster once, by the same name.
  await toolbar(page).getByRole("button", { name: "Table", exact: true }).click();
  const rows = table(page, "Entities").locator("tbody").getByRole("row");
  await expect(rows).toHaveCount(all.nodes.length - 3);
  await expect(
    table(page, "Entities").getByRole("button", { name: "CHK-230 +3 duplicates" }),
  ).toBeVisible();

  // The footer counts what the tables list, and says how many there are before grouping.
  const linkCount = await table(page, "Links").locator("tbody").getByRole("row").count();
  const entities = all.nodes.length - 3;
  await expect(graphStatus(page)).toHaveText(`${entities} entities · ${linkCount} links`);
  await expect(page.locator(".status-bar")).toContainText(
    `(${shown.status} before grouping duplicates)`,
  );
});

function keyOf(id: string): string {
  return demo.cases.find((c) => c.id === id)?.key ?? id;
}

test("the node key explains fill, priority, root, selection, failure and 'more beyond' beside the edge legend", async ({
  page,
}) => {
  await page.goto(casePath(pay101.id));
  await waitForStillPicture(page);
  const key = page.getByRole("region", { name: "Nodes" });
  await expect(key).toBeVisible();
  for (const entry of [
    "○ Open",
    "◐ In progress",
    "✓ Closed (faded)",
    "● Active",
    "✓ Resolved (faded)",
    "P1 / SEV-1",
    "P5 / SEV-5",
    /^Root/,
    "Selected",
    "⚠ Lookup failed (select it to retry)",
    "More links beyond the depth (Expand)",
  ]) {
    await expect(key.getByRole("listitem").filter({ hasText: entry }).first()).toBeVisible();
  }
  // Beside the edge legend, in the same panel.
  const legend = page.getByRole("navigation", { name: "Relationships" });
  const [keyBox, legendBox] = [await key.boundingBox(), await legend.boundingBox()];
  expect(keyBox && legendBox && Math.abs(keyBox.x - legendBox.x)).toBeLessThan(2);
  // What the key shows is what the canvas draws: the root is marked, labels carry glyphs.
  const nodes = await canvasNodes(page);
  const root = nodes.find((n) => n.id === `CASE:${pay101.id}`);
  expect(root?.classes).toContain("root");
  expect(root?.label.split("\n")[0]).toMatch(/^[○◐✓●] PAY-101 · P\d$/);
});

test("hovering a node shows its whole title", async ({ page }) => {
  await page.goto(casePath(pay101.id));
  await waitForStillPicture(page);
  const pane = await page.getByRole("group", { name: "Case dependency graph" }).boundingBox();
  if (!pane) throw new Error("the canvas is laid out");
  const inside = (await canvasNodes(page)).filter(
    (n) =>
      n.screen.x1 > pane.x + 60 &&
      n.screen.x2 < pane.x + pane.width - 60 &&
      n.screen.y1 > pane.y + 60 &&
      n.screen.y2 < pane.y + pane.height - 60,
  );
  const target = inside.find((n) => demo.cases.some((c) => `CASE:${c.id}` === n.id));
  if (!target) throw new Error("a case is drawn well inside the canvas");
  const simCase = demo.cases.find((c) => `CASE:${c.id}` === target.id);
  await page.mouse.move(
    (target.screen.x1 + target.screen.x2) / 2,
    (target.screen.y1 + target.screen.y2) / 2,
  );
  await expect(page.getByRole("tooltip")).toContainText(`${simCase?.key} (`);
  await expect(page.getByRole("tooltip")).toContainText(`: ${simCase?.title}`);
});

test("the legend and Insights fold away, give the canvas room, and stay folded after a reload", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(casePath(pay101.id));
  await waitForSettled(page);
  const canvas = page.getByRole("group", { name: "Case dependency graph" });
  const open = (await canvas.boundingBox())?.width ?? 0;
  expect(open / 1280, "the canvas gets at least 60% of the width").toBeGreaterThanOrEqual(0.6);

  await page.getByRole("button", { name: "Hide legend" }).click();
  await page.getByRole("button", { name: "Hide Insights" }).click();
  await expect(page.getByRole("navigation", { name: "Relationships" })).toBeHidden();
  await expect(insights(page)).toBeHidden();
  await expect
    .poll(async () => (await canvas.boundingBox())?.width ?? 0)
    .toBeGreaterThan(open + 300);

  await page.reload();
  await waitForSettled(page);
  await expect(page.getByRole("button", { name: "Show legend" })).toHaveAttribute(
    "aria-expanded",
    "false",
  );
  await expect(insights(page)).toBeHidden();
  await page.getByRole("button", { name: "Show Insights" }).click();
  await expect(insights(page)).toBeVisible();
  await page.getByRole("button", { name: "Show legend" }).click();
  await expect(page.getByRole("navigation", { name: "Relationships" })).toBeVisible();
});

test("at 1024×768 nothing overlaps and the tables need no sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(casePath(pay101.id, "view=table"));
  await waitForSettled(page);
  await expect(table(page, "Entities")).toBeVisible();
  const regions = {
    legend: page.locator(".workspace__left"),
    main: page.locator(".workspace__main"),
    insights: page.locator(".workspace__right"),
    toolbar: toolbar(page),
    header: page.locator(".workspace__header"),
  };
  const boxes = Object.entries(regions);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [nameA, a] = boxes[i] as [string, (typeof boxes)[number][1]];
      const [nameB, b] = boxes[j] as [string, (typeof boxes)[number][1]];
      const [ra, rb] = [await a.boundingBox(), await b.boundingBox()];
      if (!ra || !rb) throw new Error(`${nameA} and ${nameB} are laid out`);
      const w = Math.min(ra.x + ra.width, rb.x + rb.width) - Math.max(ra.x, rb.x);
      const h = Math.min(ra.y + ra.height, rb.y + rb.height) - Math.max(ra.y, rb.y);
      expect(w > 0.5 && h > 0.5, `${nameA} overlaps ${nameB}`).toBe(false);
    }
  }
  // Toolbar controls wrap rather than run into each other.
  const controls = await toolbar(page)
    .locator(":scope > *")
    .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
  for (let i = 0; i < controls.length; i++) {
    for (let j = i + 1; j < controls.length; j++) {
      const [a, b] = [controls[i] as DOMRect, controls[j] as DOMRect];
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      expect(w > 0.5 && h > 0.5, `toolbar items ${i} and ${j} overlap`).toBe(false);
    }
  }
  const scroll = await page
    .locator(".table-view")
    .evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(scroll.scroll, "the tables fit their pane").toBeLessThanOrEqual(scroll.client);
  for (const name of ["Entities", "Links"] as const) {
    const fits = await table(page, name).evaluate(
      (el) =>
        el.getBoundingClientRect().right <=
        (el.parentElement?.getBoundingClientRect().right ?? 0) + 0.5,
    );
    expect(fits, `${name} fits`).toBe(true);
  }
});

test("rel=FOO says there is no such relationship in this graph", async ({ page }) => {
  await page.goto(casePath(pay101.id, "rel=BLOCKS,FOO"));
  await waitForSettled(page);
  await expect(
    page.getByRole("status").filter({ hasText: "No relationship FOO in this graph" }),
  ).toBeVisible();
  await expect(page.getByText(/No relationship BLOCKS/)).toHaveCount(0);
});

test("a search without a match says so", async ({ page }) => {
  await page.goto(casePath(pay101.id));
  await waitForSettled(page);
  await page.getByRole("combobox", { name: "Search by key or title" }).fill("no-such-case-here");
  await expect(
    page.getByRole("status").filter({ hasText: "No entity matches “no-such-case-here”." }),
  ).toBeVisible();
  await expect(page.getByRole("listbox", { name: "Matching entities" })).toHaveCount(0);
});
