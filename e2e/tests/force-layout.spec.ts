import { expect, test } from "@playwright/test";
import { demoCase, expectedGraph } from "../support/demo-graph";
import { overlappingPairs, picture, positionsOf, waitForStillPicture } from "../support/picture";
import { casePath, toolbar } from "../support/workspace";

test.use({ viewport: { width: 1280, height: 720 } });

for (const depth of [1, 3, 10]) {
  test(`the force layout at depth ${depth} draws every node apart from the others; Fit shows them all`, async ({
    page,
  }) => {
    await page.goto(casePath(demoCase("PAY-101").id, `depth=${depth}&layout=force&live=off`));
    const still = await waitForStillPicture(page);
    expect(still.nodes).toHaveLength(expectedGraph("PAY-101", depth).entities.length);
    expect(overlappingPairs(still), "overlapping nodes").toEqual([]);
    const root = still.nodes.find((node) => node.id === `CASE:${demoCase("PAY-101").id}`);
    expect(root?.inView, "the root is in view").toBe(true);

    await toolbar(page).getByRole("button", { name: "Fit", exact: true }).click();
    await expect
      .poll(
        async () => (await picture(page)).nodes.filter((node) => !node.inView).map((n) => n.id),
        {
          message: "nodes outside the viewport after Fit",
        },
      )
      .toEqual([]);
  });
}

test("two fresh loads of a force-layout link give the same picture, laid out in its worker", async ({
  page,
}) => {
  const workers: string[] = [];
  page.on("worker", (worker) => workers.push(new URL(worker.url()).pathname));
  const url = casePath(demoCase("PAY-101").id, "layout=force&live=off");
  await page.goto(url);
  const first = positionsOf(await waitForStillPicture(page));
  // fcose runs away from the page's thread, and its code never loads on the page itself.
  expect(workers.some((path) => /core-positions\.worker/.test(path))).toBe(true);
  const scripts = await page.evaluate(() =>
    performance.getEntriesByType("resource").map((entry) => new URL(entry.name).pathname),
  );
  expect(scripts.filter((path) => /fcose/.test(path))).toEqual([]);
  await page.goto("about:blank");
  await page.goto(url);
  expect(positionsOf(await waitForStillPicture(page))).toEqual(first);
  // fcose did run: the rings it starts from are another picture.
  await page.goto(casePath(demoCase("PAY-101").id, "layout=concentric&live=off"));
  const rings = positionsOf(await waitForStillPicture(page));
  expect(Object.keys(rings).sort()).toEqual(Object.keys(first).sort());
  expect(rings).not.toEqual(first);
});
