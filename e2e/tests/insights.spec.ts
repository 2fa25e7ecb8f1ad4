import { expect, type Locator, type Page, test } from "@playwright/test";
import { onCore } from "../support/core-on-page";
import { demo, demoCase } from "../support/demo-graph";
import { casePath, details, waitForSettled } from "../support/workspace";

const pay101 = demoCase("PAY-101");

/** Open cases that block the root through a chain of open BLOCKS links, however long. */
function openBlockersOf(rootKey: string): string[] {
  const open = new Set(demo.cases.filter((c) => c.status !== "CLOSED").map((c) => c.id));
  const found = new Set<string>();
  const queue = [demoCase(rootKey).id];
  for (let head = 0; head < queue.length; head++) {
    for (const link of demo.links) {
      const parent = link.parent.id;
      if (link.relationship !== "BLOCKS" || link.child.id !== queue[head]) continue;
      if (!open.has(parent) || found.has(parent) || parent === queue[0]) continue;
      found.add(parent);
      queue.push(parent);
    }
  }
  return demo.cases.filter((c) => found.has(c.id)).map((c) => c.key);
}

/** The entity names of a list's own items (not of lists nested in them). */
async function itemNames(list: Locator): Promise<string[][]> {
  return list
    .locator(":scope > li")
    .evaluateAll((items) =>
      items.map((item) =>
        Array.from(item.querySelectorAll(".insights-entity__name"), (n) => n.textContent ?? ""),
      ),
    );
}

/**
 * The first list under "Root causes" ("Where it started": the causes nothing else causes) names
 * exactly `origin`, marked as read past the depth with a Show action, since it is further away.
 * Soft, so what a test checks after it is still checked when the root cause is wrong.
 */
async function expectWhereItStarted(
  rootCauses: Locator,
  origin: { key: string; title: string },
  depth: number,
): Promise<void> {
  const items = rootCauses.getByRole("list").first().locator(":scope > li");
  await expect
    .soft(items.locator(".insights-entity"), "where it started")
    .toHaveText([`${origin.key} ${origin.title}`]);
  await expect.soft(items.first(), "past the depth").toContainText(`beyond depth ${depth}`);
  await expect
    .soft(items.first().getByRole("button", { name: `Show ${origin.key} on the graph` }))
    .toBeVisible();
}

test("the Insights panel tells the blockers, the order to clear them, the deadlock and the root cause", async ({
  page,
}) => {
  await page.goto(casePath(pay101.id));
  const insights = page.getByRole("complementary", { name: "Insights" });
  await expect(insights).toBeVisible();
  await waitForSettled(page);

  const blockers = openBlockersOf("PAY-101");
  expect(blockers.sort()).toEqual([
    "CHK-212",
    "LED-310",
    "NET-51",
    "NET-52",
    "NET-53",
    "NET-58",
    "SEC-41",
    "VND-9",
  ]);
  await expect(insights.getByText(`${blockers.length} open blockers`)).toBeVisible();
  const openBlockers = insights.getByRole("region", { name: "Open blockers" });
  for (const key of blockers) {
    await expect(
      openBlockers.getByRole("button", { name: new RegExp(`^${key}\\b`) }),
    ).toBeVisible();
  }

  // The deadlocked network change comes first, then what it holds up; CHK-212 waits on NET-53.
  const order = insights
    .getByRole("region", { name: "Clear in this order" })
    .getByRole("list")
    .first();
  await expect(order.locator(":scope > li").first()).toBeVisible();
  const steps = await itemNames(order);
  expect(steps.flat().sort()).toEqual([...blockers].sort());
  const stepOf = (key: string) => steps.findIndex((names) => names.includes(key));
  const deadlock = steps[stepOf("NET-53")] ?? [];
  expect(deadlock.sort()).toEqual(["NET-51", "NET-52", "NET-53"]);
  expect(stepOf("NET-53")).toBeLessThan(stepOf("CHK-212"));
  await expect(order.locator(":scope > li").nth(stepOf("NET-53"))).toContainText("Deadlock");

  const cycles = insights.getByRole("region", { name: "Cycles" });
  await expect(cycles).toContainText("Deadlock: BLOCKS cycle");
  for (const key of ["NET-51", "NET-52", "NET-53"]) {
    await expect(cycles.getByRole("button", { name: new RegExp(`^${key}\\b`) })).toBeVisible();
  }

  const rootCauses = insights.getByRole("region", { name: "Root causes" });
  const plat399 = demoCase("PLAT-399");
  await expectWhereItStarted(rootCauses, plat399, 3);

  // An item is one click away from its details.
  const net52 = demoCase("NET-52");
  await cycles.getByRole("button", { name: `NET-52 ${net52.title}` }).click();
  await expect(details(page).getByRole("heading", { level: 2 })).toContainText("NET-52");
  await expect(details(page)).toContainText(net52.title);
  await expect(page).toHaveURL(new RegExp(`[?&]selected=${net52.id}(&|$)`));
});

test("however shallow the depth, the Insights panel names every open blocker and the root cause", async ({
  page,
}) => {
  // At depth 1 only LED-310 and CHK-212 of the blockers are one hop away; PLAT-399 is six.
  await page.goto(casePath(pay101.id, "depth=1"));
  const insights = page.getByRole("complementary", { name: "Insights" });
  await expect(insights).toBeVisible();
  await waitForSettled(page);

  const blockers = openBlockersOf("PAY-101");
  await expect(insights.getByText(`${blockers.length} open blockers`)).toBeVisible();
  const openBlockers = insights.getByRole("region", { name: "Open blockers" });
  for (const key of blockers) {
    await expect(
      openBlockers.getByRole("button", { name: new RegExp(`^${key}\\b`) }),
    ).toBeVisible();
  }
  const plat399 = demoCase("PLAT-399");
  await expectWhereItStarted(insights.getByRole("region", { name: "Root causes" }), plat399, 1);
});

/** The links cytoscape draws lit, as "SOURCE RELATIONSHIP TARGET" by key, sorted. */
function litLinks(page: Page): Promise<string[]> {
  interface NodeLike {
    data(name: string): unknown;
  }
  interface EdgeLike {
    data(name: string): unknown;
    source(): NodeLike;
    target(): NodeLike;
  }
  interface CoreLike {
    edges(selector: string): { toArray(): EdgeLike[] };
  }
  return onCore(page, (cy: CoreLike | null) => {
    const keyOf = (node: NodeLike) => String(node.data("label") ?? "").split(/\s+/)[1];
    return (cy?.edges(".highlighted").toArray() ?? [])
      .map((e) => `${keyOf(e.source())} ${String(e.data("relationship"))} ${keyOf(e.target())}`)
      .sort();
  });
}

test("highlighting the critical path or a deadlock lights the links it runs along and no other", async ({
  page,
}) => {
  await page.goto(casePath(pay101.id));
  await waitForSettled(page);
  const insights = page.getByRole("complementary", { name: "Insights" });
  const critical = insights.getByRole("button", { name: "Highlight critical path" });
  await critical.click();
  // Within three hops the path shows from NET-52, where it enters the NET-51/52/53 deadlock.
  await expect
    .poll(() => litLinks(page))
    .toEqual(["CHK-212 BLOCKS PAY-101", "NET-52 BLOCKS NET-53", "NET-53 BLOCKS CHK-212"]);
  await critical.click();
  await expect.poll(() => litLinks(page)).toEqual([]);

  await insights.getByRole("button", { name: "Highlight deadlock 1" }).click();
  await expect
    .poll(() => litLinks(page))
    .toEqual(["NET-51 BLOCKS NET-52", "NET-52 BLOCKS NET-53", "NET-53 BLOCKS NET-51"]);
});
