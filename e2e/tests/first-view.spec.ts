import { expect, test } from "@playwright/test";
import { demoCase, whatIsInTheWay } from "../support/demo-graph";
import {
  frameRecord,
  type Picture,
  positionsOf,
  sampleFrames,
  waitForStillPicture,
} from "../support/picture";
import { casePath } from "../support/workspace";

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
