import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { demoCase, expectedGraph } from "../support/demo-graph";
import { casePath, graphStatus, waitForSettled } from "../support/workspace";

test("the settled graph view is captured as a screenshot", async ({ page }, testInfo) => {
  await page.goto(casePath(demoCase("PAY-101").id));
  await waitForSettled(page);
  await expect(graphStatus(page)).toHaveText(expectedGraph("PAY-101", 3).status);
  const canvas = page.getByRole("group", { name: "Case dependency graph" });
  await expect(canvas).toBeVisible();
  // cytoscape draws into canvases; a graph with nothing drawn has none of a useful size.
  await expect
    .poll(() =>
      canvas
        .locator("canvas")
        .evaluateAll((els) =>
          els.some(
            (c) => (c as HTMLCanvasElement).width > 100 && (c as HTMLCanvasElement).height > 100,
          ),
        ),
    )
    .toBe(true);
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );

  const body = await page.screenshot({ fullPage: true });
  await testInfo.attach("graph", { body, contentType: "image/png" });
  const file = path.join(testInfo.project.outputDir, "graph.png");
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, body);
});
