import { expect, test } from "@playwright/test";
import { demo, demoCase } from "../support/demo-graph";
import { graphStatus, waitForSettled } from "../support/workspace";

test("the landing page lists the demo roots, opens one, rejects a bad id and remembers visits", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "casegraph" })).toBeVisible();

  const demoRoots = page.getByRole("region", { name: "Demo cases to start with" });
  for (const root of demo.roots) {
    await expect(demoRoots.getByRole("link", { name: `${root.key} ${root.title}` })).toBeVisible();
  }
  const recent = page.getByRole("region", { name: "Recently opened" });
  await expect(recent.getByRole("link")).toHaveCount(0);

  // A value that is neither a UUID nor a key is refused on the spot.
  const input = page.getByLabel("Case UUID or key");
  await input.fill("not a case");
  await page.getByRole("button", { name: "Open graph" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "Enter a case UUID or a case key like PROJ-123.",
  );
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL("/");

  const pay101 = demoCase("PAY-101");
  await demoRoots.getByRole("link", { name: `PAY-101 ${pay101.title}` }).click();
  await expect(page).toHaveURL(`/cases/${pay101.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`PAY-101 ${pay101.title}`);
  await waitForSettled(page);
  await expect(graphStatus(page)).toBeVisible();

  await page.goto("/");
  await expect(
    page
      .getByRole("region", { name: "Recently opened" })
      .getByRole("link", { name: `PAY-101 ${pay101.title}` }),
  ).toHaveAttribute("href", `/cases/${pay101.id}`);
});
