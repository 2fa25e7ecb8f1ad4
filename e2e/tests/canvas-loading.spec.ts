import { expect, type Route, test } from "@playwright/test";
import { onCore } from "../support/core-on-page";
import { demoCase } from "../support/demo-graph";
import { positionsOf, waitForStillPicture } from "../support/picture";
import { resetSimulator } from "../support/simulator";
import { casePath, waitForSettled } from "../support/workspace";

const pay101 = demoCase("PAY-101");

test.beforeEach(async ({ request }) => {
  await resetSimulator(request);
});

test("a case page modulepreloads the canvas chunk, which downloads once, from the HTML", async ({
  page,
}) => {
  // Who asked for each script: the HTML parser (a link in the page) or a script (an import()).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  const asked: { path: string; by: string }[] = [];
  cdp.on("Network.requestWillBeSent", (event) => {
    if (event.type === "Script") {
      asked.push({ path: new URL(event.request.url).pathname, by: event.initiator.type });
    }
  });
  await page.goto(casePath(pay101.id));
  await waitForSettled(page);

  const preload = page.locator('link[rel="modulepreload"][href*="/assets/graph-canvas-"]');
  await expect(preload).toHaveCount(1);
  const href = (await preload.getAttribute("href")) ?? "";
  expect(asked.filter((request) => request.path === href)).toEqual([{ path: href, by: "parser" }]);
  // The graph is drawn from it.
  await expect(page.locator(".graph-canvas__surface canvas").first()).toBeVisible();
});

test("when the layout worker's script never arrives, the same picture is laid out on the page", async ({
  page,
}) => {
  // The worker is given 10 s to load (layered-positions-client.ts); then the page lays out.
  test.setTimeout(90_000);
  const url = casePath(pay101.id, "live=off");
  const held: Route[] = [];
  const workerScript = /\/assets\/layered-positions\.worker-[^/]*\.js$/;
  // A proxy that stalls the worker's script: the Worker fires no error, it just never starts.
  await page.route(workerScript, (route) => {
    held.push(route);
  });
  const warnings: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "warning") warnings.push(message.text());
  });
  await page.goto(url);
  const onPage = positionsOf(await waitForStillPicture(page));
  expect(held.length, "the worker asked for its script").toBeGreaterThan(0);
  expect(warnings).toContainEqual(
    expect.stringContaining("the layered layout worker did not load within 10 s"),
  );

  // The same link with the worker's script delivered: the worker lays it out, identically.
  await page.unroute(workerScript);
  const workers: string[] = [];
  page.on("worker", (worker) => workers.push(new URL(worker.url()).pathname));
  await page.goto("about:blank");
  await page.goto(url);
  expect(positionsOf(await waitForStillPicture(page))).toEqual(onPage);
  expect(workers.some((path) => /layered-positions\.worker/.test(path))).toBe(true);
});

test("the landing page does not load the canvas", async ({ page }) => {
  const scripts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
  });
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "casegraph" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Demo cases to start with" })).toBeVisible();
  await expect(page.locator('link[rel="modulepreload"][href*="graph-canvas"]')).toHaveCount(0);
  expect(scripts.some((path) => path.includes("graph-canvas"))).toBe(false);
});

test("in this Chromium (software GL) the graph is drawn by the canvas renderer, not WebGL", async ({
  page,
}) => {
  await page.goto(casePath(pay101.id));
  await waitForSettled(page);
  // The precondition: this browser's webgl2, if any, is a software rasteriser.
  const gpu = await page.evaluate(() => {
    const gl = document.createElement("canvas").getContext("webgl2");
    if (!gl) return null;
    const info = gl.getExtension("WEBGL_debug_renderer_info");
    return info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : "";
  });
  expect(gpu === null || /swiftshader|llvmpipe|softpipe/i.test(gpu)).toBe(true);

  const surface = page.locator(".graph-canvas__surface");
  await expect(surface).toHaveAttribute("data-hardware-webgl", "no");
  await expect(surface).toHaveAttribute("data-renderer", "canvas");
  const webgl = await onCore(page, (cy: { renderer(): { webgl?: boolean } } | null) =>
    cy ? Boolean(cy.renderer().webgl) : null,
  );
  expect(webgl).toBe(false);
});
