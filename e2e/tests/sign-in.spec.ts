import { expect, type Page, test } from "@playwright/test";
import { demoCase } from "../support/demo-graph";
import { exportedFile } from "../support/exports";
import {
  consentAs,
  expireTokensAndRefresh,
  type SignInServer,
  startSignInServer,
} from "../support/sign-in-server";
import { entityRows, graphStatus, showTable, table, waitForSettled } from "../support/workspace";

const pay101 = demoCase("PAY-101");
/** Only Priya and Sam may read it with their own sign-in. */
const risk12 = demoCase("RISK-12");
const PRIYA = "Priya Raman";
const MARCUS = "Marcus Oyelaran";

let server: SignInServer;
test.beforeAll(async () => {
  server = await startSignInServer();
});
test.afterAll(async () => {
  await server?.stop();
});

const sharedPath = `/cases/${pay101.id}?depth=3&dup=show`;

async function signInAndOpen(page: Page, name: string): Promise<void> {
  await page.goto(`${server.url}${sharedPath}`);
  await consentAs(page, name);
  await expect(page).toHaveURL(`${server.url}${sharedPath}`);
  await waitForSettled(page);
}

test.describe.configure({ mode: "serial" });

test("a signed-out visitor of a shared link signs in through Datadog's consent page and lands on that link, graph shown", async ({
  page,
}) => {
  await page.goto(`${server.url}${sharedPath}`);
  await expect(page).toHaveURL(/\/oauth2\/v1\/authorize\?/);
  await consentAs(page, PRIYA);
  await expect(page).toHaveURL(`${server.url}${sharedPath}`);
  await waitForSettled(page);
  await expect(page.getByRole("group", { name: "Case dependency graph" })).toBeVisible();
  await expect(graphStatus(page)).toHaveText(/\d+ entities · \d+ links/);
  const session = page.getByRole("complementary", { name: "Session" });
  await expect(session).toContainText(`Signed in as ${PRIYA}`);

  // Sign out: the session ends and the shared link asks to sign in again.
  await session.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "You are signed out" })).toBeVisible();
  await page.goto(`${server.url}${sharedPath}`);
  await expect(page).toHaveURL(/\/oauth2\/v1\/authorize\?/);
});

test("an access token Datadog stops accepting is renewed without a visible break", async ({
  page,
}) => {
  await signInAndOpen(page, PRIYA);
  const status = await graphStatus(page).textContent();
  // Refresh goes past the server's cache, so every lookup reaches Datadog with the old token.
  expect(await expireTokensAndRefresh(page, server)).toBeGreaterThan(0);
  await expect(graphStatus(page)).toHaveText(status ?? "");
  await expect(page.getByText(/incomplete|sign-in has ended/i)).toHaveCount(0);
  await expect(page.getByRole("complementary", { name: "Session" })).toContainText(PRIYA);
});

test("person B is not shown A's private case: graph, tables, Insights, exports and preview, right after A's lookups were cached", async ({
  browser,
}) => {
  const a = await browser.newPage();
  await signInAndOpen(a, PRIYA);
  await showTable(a);
  expect(await entityRows(a)).toEqual(
    expect.arrayContaining([expect.stringMatching(/^RISK-12 · /)]),
  );
  const aStatus = (await graphStatus(a).textContent()) ?? "";
  expect(await exportedFile(a, "json")).toContain(risk12.id);
  await a.context().close();

  const b = await browser.newPage();
  await signInAndOpen(b, MARCUS);
  const [aEntities, aLinks] = (aStatus.match(/\d+/g) ?? []).map(Number);
  // RISK-12 and its two links are missing, nothing else.
  await expect(graphStatus(b)).toHaveText(
    `${(aEntities ?? 0) - 1} entities · ${(aLinks ?? 0) - 2} links`,
  );
  await showTable(b);
  expect((await entityRows(b)).filter((row) => row.startsWith("RISK-12"))).toEqual([]);
  await expect(table(b, "Links")).not.toContainText("RISK-12");
  await expect(b.getByRole("complementary", { name: "Insights" })).not.toContainText("RISK-12");
  const json = await exportedFile(b, "json");
  expect(json).not.toContain(risk12.id);
  expect(json).not.toContain("Fraud scoring");

  // The case's own address: not found for B, and its preview says nothing about it.
  const preview = await b.request.get(`${server.url}/cases/${risk12.id}`);
  const html = await preview.text();
  expect(html).toMatch(/<title>casegraph<\/title>/);
  expect(html).not.toContain("Fraud scoring");
  expect(html).not.toContain("RISK-12");
  await b.goto(`${server.url}/cases/${risk12.id}`);
  await expect(b.getByText(/Case not found|no case/i).first()).toBeVisible();
  await b.context().close();
});
