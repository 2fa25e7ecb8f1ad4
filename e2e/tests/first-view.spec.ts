import { expect, test } from "@playwright/test";
import { canvasNodes } from "../support/canvas-nodes";
import { onCore } from "../support/core-on-page";
import { demoCase, expectedGraph, whatIsInTheWay } from "../support/demo-graph";
import {
  frameRecord,
  overlappingPairs,
  type Picture,
  picture,
  positionsOf,
  sampleFrames,
  waitForStillPicture,
} from "../support/picture";
import { casePath, details, graphStatus, toolbar } from "../support/workspace";

const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
];

function idOf(key: string): string {
  return key.slice(key.indexOf(":") + 1);
}

function expectInTheWayReadable(still: Picture, rootKey: string) {
  const shown = new Set(still.nodes.map((node) => idOf(node.id)));
  const focus = whatIsInTheWay(rootKey, shown);
  const focusNodes = still.nodes.filter((node) => focus.has(node.id));
  expect(focusNodes.length, "root, open blockers and cause chain are drawn").toBe(focus.size);
  for (const node of focusNodes) {
    expect(node.inView, `${node.id} is inside the viewport`).toBe(true);
    expect(node.labelPx, `${node.id} label size on screen`).toBeGreaterThanOrEqual(11);
  }
}

for (const viewport of VIEWPORTS) {
  test.describe(`the first view at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test("the demo opens on what is in the way, readable, no frame piled", async ({ page }) => {
      await sampleFrames(page);
      await page.goto(casePath(demoCase("PAY-101").id));
      const still = await waitForStillPicture(page);
      const frames = await frameRecord(page);
      expect(frames.framesWithNodes, "frames sampled with nodes drawn").toBeGreaterThan(0);
      expect(
        frames.worst,
        `worst overlap (${frames.worstPair}, ${frames.worstAt})`,
      ).toBeLessThanOrEqual(0.5);
      expectInTheWayReadable(still, "PAY-101");
    });

    test("the force and rings layouts open on what is in the way too, nothing overlapping", async ({
      page,
    }) => {
      for (const layout of ["force", "concentric"]) {
        await page.goto(casePath(demoCase("PAY-101").id, `layout=${layout}`));
        const still = await waitForStillPicture(page);
        expect(overlappingPairs(still), `overlapping nodes (${layout})`).toEqual([]);
        expectInTheWayReadable(still, "PAY-101");
      }
    });
  });
}

test("two fresh loads of one link give the same picture", async ({ page }) => {
  const url = casePath(demoCase("PAY-101").id);
  await page.goto(url);
  const first = positionsOf(await waitForStillPicture(page));
  await page.goto("about:blank");
  await page.goto(url);
  const second = positionsOf(await waitForStillPicture(page));
  expect(Object.keys(first).length).toBeGreaterThan(10);
  expect(second).toEqual(first);
});

test("a link with selected= and expand= reproduces the sender's nodes and shows the selected one", async ({
  page,
}) => {
  // PAY-101 at depth 1, expanded along the chain to NET-53; NET-52 is selected.
  const chain = [demoCase("CHK-212").id, demoCase("NET-53").id];
  const selected = demoCase("NET-52");
  const query = `depth=1&expand=${chain.join(",")}&selected=${selected.id}`;
  const expected = expectedGraph("PAY-101", 1, undefined, chain);
  await page.goto(casePath(demoCase("PAY-101").id, query));
  const still = await waitForStillPicture(page);
  await expect(graphStatus(page)).toHaveText(expected.status);
  const node = still.nodes.find((n) => n.id === `CASE:${selected.id}`);
  expect(node?.inView, "the selected node is on screen").toBe(true);
  expect(node?.labelPx ?? 0).toBeGreaterThanOrEqual(11);
  await expect(details(page).getByRole("heading", { level: 2 })).toContainText("NET-52");
  // The same link again gives the same picture.
  const first = positionsOf(still);
  await page.reload();
  expect(positionsOf(await waitForStillPicture(page))).toEqual(first);
});

test("depth 3, then 1, then 3 again gives the picture of a fresh load", async ({ page }) => {
  const url = casePath(demoCase("PAY-101").id);
  await page.goto(url);
  const fresh = positionsOf(await waitForStillPicture(page));
  const depth = toolbar(page).getByLabel("Depth");
  const painted = () =>
    page.evaluate(() => performance.getEntriesByName("casegraph:painted").length);
  let marks = await painted();
  await depth.selectOption("1");
  await expect.poll(painted).toBeGreaterThan(marks);
  const shallow = positionsOf(await waitForStillPicture(page));
  // The nodes that stay keep their places.
  for (const [id, at] of Object.entries(shallow)) expect(at, id).toBe(fresh[id]);
  marks = await painted();
  await depth.selectOption("3");
  await expect.poll(painted).toBeGreaterThan(marks);
  expect(positionsOf(await waitForStillPicture(page))).toEqual(fresh);
});

test("Show on an entry past the depth puts it on the graph and in the link", async ({ page }) => {
  await page.goto(casePath(demoCase("PAY-101").id));
  await waitForStillPicture(page);
  const insights = page.getByRole("complementary", { name: "Insights" });
  const vnd9 = demoCase("VND-9");
  await insights.getByRole("button", { name: "Show VND-9 on the graph" }).first().click();
  await expect(page).toHaveURL(/[?&]expand=/);
  await expect
    .poll(async () => (await picture(page)).nodes.some((n) => n.id === `CASE:${vnd9.id}`))
    .toBe(true);
  await page.reload();
  const still = await waitForStillPicture(page);
  expect(still.nodes.some((n) => n.id === `CASE:${vnd9.id}`)).toBe(true);
  await expect(details(page).getByRole("heading", { level: 2 })).toContainText("VND-9");
});

test("selecting a node opens its details beside the canvas and leaves the view where it was", async ({
  page,
}) => {
  const pay101 = demoCase("PAY-101");
  await page.goto(casePath(pay101.id));
  // Folded, Insights leaves the right column narrow: the details widen it and the canvas shrinks.
  await page.getByRole("button", { name: /Hide Insights/ }).click();
  await waitForStillPicture(page);
  interface CoreLike {
    zoom(): number;
    pan(): { x: number; y: number };
    width(): number;
  }
  const view = () =>
    onCore(page, (cy: CoreLike | null) =>
      cy ? { zoom: cy.zoom(), pan: cy.pan(), width: cy.width() } : null,
    );
  const before = await view();
  const root = (await canvasNodes(page)).find((node) => node.id === `CASE:${pay101.id}`);
  if (!before || !root) throw new Error("the root is drawn");
  await page.mouse.click(
    (root.screen.x1 + root.screen.x2) / 2,
    (root.screen.y1 + root.screen.y2) / 2,
  );
  await expect(details(page)).toContainText(pay101.title);
  // cytoscape has taken its new width once its resize has run: the view must not have moved.
  await expect.poll(async () => (await view())?.width).toBeLessThan(before.width);
  const after = await view();
  expect(after?.zoom).toBe(before.zoom);
  expect(after?.pan).toEqual(before.pan);
});
