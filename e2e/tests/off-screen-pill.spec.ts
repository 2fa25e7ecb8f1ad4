import { expect, type Page, test } from "@playwright/test";
import { onCore } from "../support/core-on-page";
import { demoCase, expectedGraph } from "../support/demo-graph";
import { picture, waitForStillPicture } from "../support/picture";
import { changeCase, resetSimulator } from "../support/simulator";
import { casePath, toolbar, waitForSettled } from "../support/workspace";

const pay101 = demoCase("PAY-101");

test.use({ viewport: { width: 1280, height: 720 } });

function pill(page: Page) {
  return page.locator(".graph-canvas__offscreen");
}

/** A node's box on the page, in CSS px: where a person sees it. */
function nodeOnPage(page: Page, id: string) {
  interface NodeLike {
    renderedBoundingBox(options: object): { x1: number; y1: number; x2: number; y2: number };
  }
  interface CoreLike {
    getElementById(id: string): NodeLike;
    container(): HTMLElement;
  }
  return onCore(
    page,
    (cy: CoreLike | null, nodeId: string) => {
      if (!cy) throw new Error("no graph on the page");
      const pane = cy.container().getBoundingClientRect();
      const r = cy.getElementById(nodeId).renderedBoundingBox({ includeOverlays: false });
      return { x: pane.x + r.x1, y: pane.y + r.y1, width: r.x2 - r.x1, height: r.y2 - r.y1 };
    },
    id,
  );
}

/** Waits for `nodes` nodes to be drawn and still, then for the pill to count what is off screen. */
async function expectCountOf(page: Page, nodes: number) {
  await expect.poll(async () => (await picture(page)).nodes.length).toBe(nodes);
  await waitForStillPicture(page);
  await expect
    .poll(async () => {
      const off = (await picture(page)).nodes.filter((node) => !node.inView).length;
      const said = (await pill(page).allTextContents())[0] ?? "0 more";
      return `${said.match(/^(\d+) more/)?.[1]} said, ${off} off screen`;
    })
    .toMatch(/^(\d+) said, \1 off screen$/);
}

test.beforeEach(async ({ request }) => {
  await resetSimulator(request);
});

test.afterEach(async ({ request }) => {
  await resetSimulator(request);
});

// With LED-310 closed, what is in the way is narrower, so the opening view zooms in until the
// root sits at the pane's bottom edge, where the note is drawn.
for (const { query, closed } of [
  { query: "", closed: [] },
  { query: "dup=collapse", closed: [] },
  { query: "", closed: ["LED-310"] },
  { query: "dup=collapse", closed: ["LED-310"] },
]) {
  test(`the off-screen count never covers the root in the opening view (${query || "default"}${closed.length > 0 ? `, ${closed.join(", ")} closed` : ""})`, async ({
    page,
    request,
  }) => {
    for (const key of closed) await changeCase(request, key, { status: "CLOSED" });
    // The default view, live bar and all: the pane is as tall as a person gets it.
    await page.goto(casePath(pay101.id, query));
    await waitForSettled(page);
    await waitForStillPicture(page);
    await expect(pill(page), "the demo does not fit at a readable size").toBeVisible();
    const box = await pill(page).boundingBox();
    const root = await nodeOnPage(page, `CASE:${pay101.id}`);
    expect(box, "the pill").not.toBeNull();
    if (!box) return;
    const overlaps =
      box.x < root.x + root.width &&
      root.x < box.x + box.width &&
      box.y < root.y + root.height &&
      root.y < box.y + box.height;
    expect(overlaps, `the pill ${JSON.stringify(box)} over the root ${JSON.stringify(root)}`).toBe(
      false,
    );
  });
}

test("the off-screen count says what is off screen after depth 3 → 1 → 3", async ({ page }) => {
  await page.goto(casePath(pay101.id, "live=off"));
  await waitForSettled(page);
  const depth = toolbar(page).getByLabel("Depth");
  await expectCountOf(page, expectedGraph("PAY-101", 3).entities.length);
  await depth.selectOption("1");
  await expectCountOf(page, expectedGraph("PAY-101", 1).entities.length);
  await depth.selectOption("3");
  await expectCountOf(page, expectedGraph("PAY-101", 3).entities.length);
});
