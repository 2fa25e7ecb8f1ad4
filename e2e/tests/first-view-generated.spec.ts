import { generateScenario } from "@casegraph/server/simulator";
import { expect, test } from "@playwright/test";
import { inTheWayOf } from "../support/demo-graph";
import { type OwnStack, startOwnStack } from "../support/own-stack";
import {
  frameRecord,
  overlappingPairs,
  type Picture,
  positionsOf,
  sampleFrames,
  waitForStillPicture,
} from "../support/picture";

const { scenario, rootId } = generateScenario({ seed: 11, entities: 120, depth: 4 });
let stack: OwnStack;

/** The root, its open blockers and its cause chain: all drawn, all inside the viewport, readable. */
function expectInTheWayReadable(still: Picture) {
  const shown = new Set(still.nodes.map((node) => node.id.slice(node.id.indexOf(":") + 1)));
  const focus = inTheWayOf(scenario, rootId, shown);
  const focusNodes = still.nodes.filter((node) => focus.has(node.id));
  expect(focusNodes.map((node) => node.id).sort()).toEqual([...focus].sort());
  expect(focus.size, "the root has something in its way").toBeGreaterThan(1);
  for (const node of focusNodes) {
    expect(node.inView, `${node.id} is inside the viewport`).toBe(true);
    expect(node.labelPx, `${node.id} label size on screen`).toBeGreaterThanOrEqual(11);
  }
}

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
  test(`a generated graph at ${viewport.width}×${viewport.height}: no frame piled, what is in the way on screen and readable, the same picture twice`, async ({
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
    expect(still.nodes.length).toBeGreaterThan(20);
    expectInTheWayReadable(still);

    await page.goto("about:blank");
    await page.goto(url);
    expect(positionsOf(await waitForStillPicture(page))).toEqual(positionsOf(still));
  });

  test(`a generated graph in the force and rings views at ${viewport.width}×${viewport.height}: what is in the way on screen and readable, nothing overlapping`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    for (const layout of ["force", "concentric"]) {
      await page.goto(`${stack.url}/cases/${rootId}?layout=${layout}`);
      const still = await waitForStillPicture(page);
      expect(still.nodes.length).toBeGreaterThan(20);
      expect(overlappingPairs(still), `overlapping nodes (${layout})`).toEqual([]);
      expectInTheWayReadable(still);
    }
  });
}
