import { expect, type Page, test } from "@playwright/test";
import { canvasNodes } from "../support/canvas-nodes";
import { demoCase } from "../support/demo-graph";
import { boxesBehind, type DrawnLink, drawnLinks } from "../support/drawn-links";
import { waitForStillPicture } from "../support/picture";
import { casePath } from "../support/workspace";

const DEADLOCK_LINK = "NET-51 → NET-52";

async function link(page: Page, name: string): Promise<DrawnLink> {
  const { links } = await drawnLinks(page);
  const found = links.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no link ${name} among ${links.map((l) => l.name).join(", ")}`);
  return found;
}

/** Where a node's centre is on the page, in CSS px. */
async function onPage(page: Page, key: string): Promise<{ x: number; y: number }> {
  const node = (await canvasNodes(page)).find((n) => n.label.split(/\s+/)[1] === key);
  if (!node) throw new Error(`${key} is not drawn`);
  return { x: (node.screen.x1 + node.screen.x2) / 2, y: (node.screen.y1 + node.screen.y2) / 2 };
}

async function drag(page: Page, from: { x: number; y: number }, dx: number) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + dx, from.y, { steps: 12 });
  await page.mouse.up();
}

test.describe("links drawn clear of the nodes they do not join", () => {
  test.beforeEach(async ({ page }) => {
    await page.goto(casePath(demoCase("PAY-101").id));
    await waitForStillPicture(page);
  });

  test("the deadlock's link back to its top steps round the case between, and every bent link is clear", async ({
    page,
  }) => {
    const { boxes, links } = await drawnLinks(page);
    const deadlock = await link(page, DEADLOCK_LINK);
    // NET-52, NET-53 and NET-51 stand in one column: straight, the link runs behind NET-53.
    expect(boxesBehind(deadlock.straight, boxes, [deadlock.source, deadlock.target])).toEqual([
      "NET-53",
    ]);
    expect(deadlock.curve).toBe("round-segments");
    expect(deadlock.points.length).toBeGreaterThan(2);
    expect(boxesBehind(deadlock.points, boxes, [deadlock.source, deadlock.target])).toEqual([]);

    const bent = links.filter((l) => l.points.length > 2);
    for (const l of bent) {
      expect(boxesBehind(l.points, boxes, [l.source, l.target]), `${l.name} as drawn`).toEqual([]);
    }
    // Straight, more links than the deadlock's would run behind a case; as drawn, none does.
    const behindStraight = links.filter(
      (l) => boxesBehind(l.straight, boxes, [l.source, l.target]).length > 0,
    );
    expect(behindStraight.length).toBeGreaterThan(1);
    const behindDrawn = links
      .map((l) => ({ name: l.name, behind: boxesBehind(l.points, boxes, [l.source, l.target]) }))
      .filter((l) => l.behind.length > 0);
    expect(behindDrawn).toEqual([]);
  });

  test("a slanting link whose step aside would cut across the neighbours runs along the gaps instead", async ({
    page,
  }) => {
    const { boxes } = await drawnLinks(page);
    const slanting = await link(page, "PAY-100 → PAY-101");
    // Straight, it runs through the lower left of CHK-212, which stands between its ends.
    expect(boxesBehind(slanting.straight, boxes, [slanting.source, slanting.target])).toEqual([
      "CHK-212",
    ]);
    expect(slanting.curve).toBe("round-segments");
    expect(boxesBehind(slanting.points, boxes, [slanting.source, slanting.target])).toEqual([]);
    // Down out of PAY-100, across above CHK-212's row, down into PAY-101: two elbows.
    const [start, first, second, end] = slanting.points;
    expect(slanting.points).toHaveLength(4);
    expect(first?.x).toBeCloseTo(start?.x ?? Number.NaN, 0);
    expect(second?.y).toBeCloseTo(first?.y ?? Number.NaN, 0);
    expect(end?.x).toBeCloseTo(second?.x ?? Number.NaN, 0);
  });

  test("a detour follows the nodes: the link straightens when the case between moves aside and bends when it is back", async ({
    page,
  }) => {
    const home = await onPage(page, "NET-53");
    await drag(page, home, 240);
    await expect
      .poll(async () => (await link(page, DEADLOCK_LINK)).points.length, {
        message: "the link is straight once NET-53 has moved aside",
      })
      .toBe(2);
    const moved = await onPage(page, "NET-53");
    expect(moved.x - home.x).toBeGreaterThan(150);

    await drag(page, moved, home.x - moved.x);
    await expect
      .poll(async () => (await link(page, DEADLOCK_LINK)).points.length, {
        message: "the link bends again once NET-53 is back in the column",
      })
      .toBeGreaterThan(2);
    const { boxes } = await drawnLinks(page);
    const back = await link(page, DEADLOCK_LINK);
    expect(boxesBehind(back.points, boxes, [back.source, back.target])).toEqual([]);
  });
});
