import { expect, test } from "@playwright/test";
import { demo, demoCase, entityName, expectedGraph } from "../support/demo-graph";
import { exportedFile } from "../support/exports";
import { casePath, graphStatus, waitForSettled } from "../support/workspace";

test.use({ viewport: { width: 1280, height: 720 } });

interface JsonExport {
  root: string;
  relationships: string[] | null;
  entities: { id: string; hop: number }[];
  links: { parent: string; child: string; relationship: string }[];
}

/** `TYPE:id` as the page names the entity. */
const nameOf = (reference: string) => entityName(reference.slice(reference.indexOf(":") + 1));

/** The demo case keys a text export mentions, sorted and each once. */
function caseKeysIn(text: string): string[] {
  return demo.cases
    .map((c) => c.key)
    .filter((key) => new RegExp(`(?<![\\w-])${key}(?![\\w-])`).test(text))
    .sort();
}

for (const depth of [1, 2]) {
  test(`at depth ${depth}, the JSON export holds exactly the entities and links the view shows, not the chain Insights read past the depth`, async ({
    page,
  }) => {
    const expected = expectedGraph("PAY-101", depth);
    await page.goto(casePath(demoCase("PAY-101").id, `depth=${depth}&live=off`));
    await waitForSettled(page);
    await expect(graphStatus(page)).toHaveText(expected.status);

    const json = JSON.parse(await exportedFile(page, "json")) as JsonExport;
    expect(nameOf(json.root)).toBe("PAY-101");
    expect(json.entities.map((e) => `${entityName(e.id)} · ${e.hop}`).sort()).toEqual(
      expected.entities,
    );
    expect(
      json.links.map((l) => `${nameOf(l.parent)} ${l.relationship} ${nameOf(l.child)}`).sort(),
    ).toEqual(expected.links);
  });
}

test("the Mermaid and DOT exports name the same cases as the JSON export, and a relationship filter applies to all three", async ({
  page,
}) => {
  await page.goto(casePath(demoCase("PAY-101").id, "depth=2&rel=BLOCKS&live=off"));
  await waitForSettled(page);

  const json = JSON.parse(await exportedFile(page, "json")) as JsonExport;
  expect(json.relationships).toEqual(["BLOCKS"]);
  expect(json.links.length, "BLOCKS links within two hops").toBeGreaterThan(0);
  expect(new Set(json.links.map((l) => l.relationship))).toEqual(new Set(["BLOCKS"]));
  const filtered = expectedGraph("PAY-101", 2, ["BLOCKS"]).links;
  expect(
    json.links.map((l) => `${nameOf(l.parent)} ${l.relationship} ${nameOf(l.child)}`).sort(),
  ).toEqual(filtered);

  const jsonCases = caseKeysIn(json.entities.map((e) => entityName(e.id)).join("\n"));
  expect(caseKeysIn(await exportedFile(page, "mermaid"))).toEqual(jsonCases);
  expect(caseKeysIn(await exportedFile(page, "dot"))).toEqual(jsonCases);
});
