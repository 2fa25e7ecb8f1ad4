import type { ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import type { ConfigResponse, LinksResponse } from "./contract";
import { spawnServer } from "./testing/spawn-server";

const children: ChildProcess[] = [];

function run(env: NodeJS.ProcessEnv) {
  const server = spawnServer(env);
  children.push(server.child);
  return server;
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

describe("start-up", () => {
  it.each([
    [{ DD_API_KEY: "only-one-key-xyz" }, "DD_APP_KEY is missing"],
    [{ DD_SITE: "example.com" }, "DD_SITE must be one of"],
    [{ PORT: "http" }, "PORT must be a whole number"],
  ])("refuses %o and says why", async (env, expected) => {
    const server = run(env);
    expect(await server.exited).toBe(2);
    expect(server.output()).toContain(expected);
    expect(server.output()).not.toContain("only-one-key-xyz");
  });

  it("starts in demo mode, answers demo links, and stops cleanly on SIGTERM", async () => {
    const server = run({});
    const url = await server.listening();
    const config = (await (await fetch(`${url}/api/config`)).json()) as ConfigResponse;
    expect(config.mode).toBe("demo");
    const root = config.demo?.roots[0];
    expect(root?.key).toBeTruthy();
    const links = (await (
      await fetch(`${url}/api/links?entity_type=CASE&entity_id=${root?.id}`)
    ).json()) as LinksResponse;
    expect(links.data.length).toBeGreaterThan(0);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  });
});
