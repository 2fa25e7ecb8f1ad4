import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { canvasNodes } from "../support/canvas-nodes";
import { demoCase, expectedGraph } from "../support/demo-graph";
import { waitForStillPicture } from "../support/picture";
import { casePath, graphStatus, waitForSettled } from "../support/workspace";

// Tall enough for the whole legend with its node key beside the opening view.
test.use({ viewport: { width: 1600, height: 1400 } });

// The root's open blockers within the default depth (the rest are listed in Insights only).
const shownBlockers = ["LED-310", "CHK-212", "NET-51", "NET-52", "NET-53"];

/**
 * Takes the picture of the demo incident that the README shows (`docs/casegraph.png` is this
 * test's `graph.png`, copied when the product's look changes).
 */
test("the settled graph view is captured as a screenshot", async ({ page }, testInfo) => {
  await page.goto(casePath(demoCase("PAY-101").id));
  await waitForSettled(page);
  await expect(graphStatus(page)).toHaveText(expectedGraph("PAY-101", 3).status);
  const still = await waitForStillPicture(page);

  // The node key is on screen in full, so the picture explains itself.
  const nodeKey = page.getByRole("region", { name: "Nodes" });
  await expect(nodeKey).toBeInViewport({ ratio: 1 });

  // The opening view shows the root's blockers at a readable size.
  const drawn = await canvasNodes(page);
  const viewed = new Map(still.nodes.map((node) => [node.id, node]));
  for (const key of ["PAY-101", ...shownBlockers]) {
    const id = demoCase(key).id;
    const node = drawn.find((n) => n.id.endsWith(id));
    expect(node, `${key} is drawn`).toBeDefined();
    const seen = viewed.get(node?.id ?? "");
    expect(seen?.inView, `${key} is inside the canvas`).toBe(true);
    expect(seen?.labelPx ?? 0, `${key}'s label size (px)`).toBeGreaterThanOrEqual(11);
  }

  const body = await page.screenshot();
  await testInfo.attach("graph", { body, contentType: "image/png" });
  const file = path.join(testInfo.project.outputDir, "graph.png");
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, body);
});
