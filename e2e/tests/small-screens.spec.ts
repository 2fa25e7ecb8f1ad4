import { expect, type Page, test } from "@playwright/test";
import { demoCase } from "../support/demo-graph";
import { waitForStillPicture } from "../support/picture";
import { casePath } from "../support/workspace";

/** What a person sees of the page's width and of where the graph starts. */
async function pageBoxes(page: Page) {
  await page.goto(casePath(demoCase("PAY-101").id));
  const still = await waitForStillPicture(page);
  expect(still.nodes.length, "the graph is drawn").toBeGreaterThan(0);
  const legend = await page.getByRole("button", { name: "Show legend" }).boundingBox();
  const canvas = await page.locator(".graph-canvas__surface").boundingBox();
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
  return { legend, canvas, widths };
}

test.describe("at 800×600", () => {
  test.use({ viewport: { width: 800, height: 600 } });

  test("the folded legend is one line and the canvas starts on the first screen", async ({
    page,
  }) => {
    const { legend, canvas, widths } = await pageBoxes(page);
    expect(legend, "the folded legend's button").not.toBeNull();
    expect(legend?.height ?? 0, "the folded legend takes one line").toBeLessThanOrEqual(40);
    expect(canvas, "the canvas").not.toBeNull();
    // The canvas's top inside the first screen, with room left to see the graph.
    expect(canvas?.y ?? 600, "the canvas's top").toBeLessThan(600 - 200);
    expect(widths.scroll, "no sideways scroll").toBeLessThanOrEqual(widths.viewport);
  });
});

test.describe("on a phone (390×844)", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("nothing scrolls sideways, the title wraps, and the canvas starts on the first screen", async ({
    page,
  }) => {
    const { legend, canvas, widths } = await pageBoxes(page);
    expect(widths.scroll, "no sideways scroll").toBeLessThanOrEqual(widths.viewport);
    const title = page.locator(".workspace__root-title");
    await expect(title).toHaveText(/\S/);
    const titleBox = await title.boundingBox();
    expect(
      (titleBox?.x ?? 0) + (titleBox?.width ?? 0),
      "the title's right edge",
    ).toBeLessThanOrEqual(390);
    for (const name of ["Graph", "Table", "Fit"]) {
      const box = await page.getByRole("button", { name, exact: true }).boundingBox();
      expect((box?.x ?? 0) + (box?.width ?? 0), `${name}'s right edge`).toBeLessThanOrEqual(390);
    }
    expect(legend?.height ?? 0, "the folded legend takes one line").toBeLessThanOrEqual(40);
    expect(canvas?.y ?? 844, "the canvas's top").toBeLessThan(844);
  });
});
