import { type ChildProcess, spawn } from "node:child_process";
import { demoScenario } from "@casegraph/server/simulator";
import { expect, type Page, test } from "@playwright/test";
import { demoCase } from "../support/demo-graph";
import { type OwnStack, startOwnStack } from "../support/own-stack";
import { E2E_SIM_PORT } from "../support/ports";
import { casePath, entityRows, graphStatus, linkRows, waitForSettled } from "../support/workspace";

const pay101 = demoCase("PAY-101");
const REDIS_PORT = E2E_SIM_PORT + 2;
let redis: ChildProcess;
let stack: OwnStack;

function startRedis(): ChildProcess {
  return spawn(
    "/usr/bin/redis-server",
    ["--port", String(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
}

test.beforeAll(async () => {
  redis = startRedis();
  stack = await startOwnStack(demoScenario, { REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}` });
  await expect
    .poll(async () => (await fetch(`${stack.url}/readyz`)).text(), { timeout: 15_000 })
    .toContain('"redis":"ok"');
});
test.afterAll(async () => {
  await stack?.close();
  if (redis) await killRedis();
});

/** Stops Redis as a crash would; nothing to do when it has already gone. */
async function killRedis(): Promise<void> {
  if (redis.exitCode !== null || redis.signalCode !== null) return;
  const exited = new Promise((resolve) => redis.once("exit", resolve));
  redis.kill("SIGKILL");
  await exited;
}

async function copySnapshotLink(page: Page, notice: string | RegExp): Promise<string> {
  await page.getByRole("button", { name: "Copy snapshot link" }).click();
  await expect(page.getByRole("status").filter({ hasText: notice })).toBeVisible();
  return page.evaluate(() => navigator.clipboard.readText());
}

test("with Redis, Copy snapshot link copies a short link that opens the same frozen graph elsewhere without asking Datadog, and falls back to the fragment when Redis is gone", async ({
  page,
  context,
  browser,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(`${stack.url}${casePath(pay101.id, "live=off&view=table")}`);
  await waitForSettled(page);
  const status = await graphStatus(page).textContent();
  const entities = await entityRows(page);
  const links = await linkRows(page);

  const link = await copySnapshotLink(page, "Snapshot link copied");
  expect(new URL(link).pathname).toMatch(/^\/snapshot\/[A-Za-z0-9_-]{22}$/);
  expect(new URL(link).hash).toBe("");

  stack.sim.clearRequests();
  const fresh = await browser.newContext();
  try {
    const other = await fresh.newPage();
    await other.goto(link);
    await expect(other.getByRole("status").filter({ hasText: "Snapshot as of" })).toBeVisible();
    await expect(graphStatus(other)).toHaveText(status ?? "");
    expect(await entityRows(other)).toEqual(entities);
    expect(await linkRows(other)).toEqual(links);
    expect(stack.sim.requests(), "no upstream call").toEqual([]);

    await other.goto(`${stack.url}/snapshot/AAAAAAAAAAAAAAAAAAAAAA`);
    await expect(other.getByRole("heading", { name: "Snapshot unreadable" })).toBeVisible();
    await expect(
      other.getByText("This snapshot has expired or the link is mistyped."),
    ).toBeVisible();
  } finally {
    await fresh.close();
  }

  await killRedis();
  await expect
    .poll(async () => (await fetch(`${stack.url}/readyz`)).text(), { timeout: 15_000 })
    .toContain('"redis":"degraded"');
  const fallback = await copySnapshotLink(page, /the graph is in the link itself/);
  expect(new URL(fallback).pathname).toBe("/snapshot");
  expect(new URL(fallback).hash).toMatch(/^#snapshot=/);
});
