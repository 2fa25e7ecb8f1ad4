import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type { ConfigResponse, LinksResponse } from "./contract";

const mainPath = fileURLToPath(new URL("./main.ts", import.meta.url));
const serverDir = fileURLToPath(new URL("..", import.meta.url));
const children: ChildProcess[] = [];

function run(env: NodeJS.ProcessEnv) {
  // As `pnpm start` runs it: node with the tsx loader, so signals reach the server itself.
  const child = spawn(process.execPath, ["--import", "tsx", mainPath], {
    cwd: serverDir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: "0", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (d) => {
    output += String(d);
  });
  child.stderr?.on("data", (d) => {
    output += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const listening = async (): Promise<string> => {
    for (let i = 0; i < 200; i++) {
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match?.[1]) return match[1];
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`server did not start:\n${output}`);
  };
  return { child, exited, listening, output: () => output };
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
