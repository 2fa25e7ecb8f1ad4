import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, type Locator, test } from "@playwright/test";
import { demoCase, expectedGraph } from "../support/demo-graph";
import { casePath, graphStatus, waitForSettled } from "../support/workspace";

interface Drawing {
  /** Changes whenever anything drawn moves. */
  signature: number;
  /** Share of the canvas's width and height that the drawn nodes and edges span. */
  spreadX: number;
  spreadY: number;
}

/** What cytoscape has painted into the graph's canvases, summarised. */
function drawing(graph: Locator): Promise<Drawing> {
  return graph.locator("canvas").evaluateAll((elements) => {
    let signature = 0;
    let minX = Number.POSITIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxX = -1;
    let maxY = -1;
    let width = 1;
    let height = 1;
    for (const canvas of elements as HTMLCanvasElement[]) {
      const context = canvas.getContext("2d");
      if (!context || canvas.width === 0 || canvas.height === 0) continue;
      width = Math.max(width, canvas.width);
      height = Math.max(height, canvas.height);
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 3; i < data.length; i += 4) {
        if (data[i] === 0) continue;
        const pixel = (i - 3) / 4;
        const x = pixel % canvas.width;
        const y = Math.floor(pixel / canvas.width);
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
        signature = (Math.imul(signature, 31) + pixel + (data[i - 1] ?? 0)) | 0;
      }
    }
    return {
      signature,
      spreadX: maxX < 0 ? 0 : (maxX - minX) / width,
      spreadY: maxY < 0 ? 0 : (maxY - minY) / height,
    };
  });
}

test("the settled graph view is captured as a screenshot", async ({ page }, testInfo) => {
  await page.goto(casePath(demoCase("PAY-101").id));
  await waitForSettled(page);
  await expect(graphStatus(page)).toHaveText(expectedGraph("PAY-101", 3).status);
  const graph = page.getByRole("group", { name: "Case dependency graph" });
  await expect(graph).toBeVisible();

  // The layout runs after the data settles: wait until the drawing stops moving.
  let previous: number | undefined;
  await expect
    .poll(
      async () => {
        const { signature } = await drawing(graph);
        const still = signature === previous;
        previous = signature;
        return still;
      },
      { message: "the graph drawing stops changing", intervals: [300], timeout: 20_000 },
    )
    .toBe(true);
  // Laid out, not piled up in a corner.
  const laidOut = await drawing(graph);
  expect(laidOut.spreadX, "drawn width / canvas width").toBeGreaterThan(0.3);
  expect(laidOut.spreadY, "drawn height / canvas height").toBeGreaterThan(0.3);

  const body = await page.screenshot({ fullPage: true });
  await testInfo.attach("graph", { body, contentType: "image/png" });
  const file = path.join(testInfo.project.outputDir, "graph.png");
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, body);
});
