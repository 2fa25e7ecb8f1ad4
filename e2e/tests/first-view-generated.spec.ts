import { generateScenario } from "@casegraph/server/simulator";
import { expect, test } from "@playwright/test";
import { type OwnStack, startOwnStack } from "../support/own-stack";
import { frameRecord, positionsOf, sampleFrames, waitForStillPicture } from "../support/picture";

const { scenario, rootId } = generateScenario({ seed: 11, entities: 120, depth: 4 });
let stack: OwnStack;

test.beforeAll(async () => {
  stack = await startOwnStack(scenario);
});
test.afterAll(async () => {
  await stack?.close();
});

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
]) {
  test(`a generated graph at ${viewport.width}×${viewport.height}: no frame piled, the root readable, the same picture twice`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await sampleFrames(page);
    const url = `${stack.url}/cases/${rootId}`;
    await page.goto(url);
    const still = await waitForStillPicture(page);
    const frames = await frameRecord(page);
    expect(frames.framesWithNodes).toBeGreaterThan(0);
    expect(
      frames.worst,
      `worst overlap (${frames.worstPair}, ${frames.worstAt})`,
    ).toBeLessThanOrEqual(0.5);
    const root = still.nodes.find((node) => node.id === `CASE:${rootId}`);
    expect(root?.inView, "the root is on screen").toBe(true);
    expect(root?.labelPx ?? 0).toBeGreaterThanOrEqual(11);
    expect(still.nodes.length).toBeGreaterThan(20);

    await page.goto("about:blank");
    await page.goto(url);
    expect(positionsOf(await waitForStillPicture(page))).toEqual(positionsOf(still));
  });
}
