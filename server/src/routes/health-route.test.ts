import type { Server } from "node:http";
import express from "express";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AppError } from "../errors";
import type { DatadogClient } from "../upstream/datadog-client";
import type { UpstreamOutcome } from "../upstream/upstream-fetch";
import { healthRouter } from "./health-route";

let server: Server | undefined;
afterEach(() => {
  server?.close();
  vi.useRealTimers();
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-12-01T10:00:00Z"));
});

async function serve(
  upstream: Partial<DatadogClient>,
  outcome?: () => UpstreamOutcome | undefined,
) {
  const app = express().use(healthRouter(upstream as DatadogClient, outcome));
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server?.once("listening", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status;
}

describe("/readyz", () => {
  it("answers from a probe no older than 2 s: it sees the upstream die and recover", async () => {
    let up = true;
    let probes = 0;
    const readyz = await serve({
      listLinks: async () => {
        probes++;
        if (!up) throw new AppError(502, "upstream_error", "Datadog could not be reached.");
        throw new AppError(404, "not_found", "no such case");
      },
    });
    expect(await readyz()).toBe(200);
    expect(await readyz()).toBe(200);
    expect(probes).toBe(1);
    up = false;
    vi.advanceTimersByTime(2_500);
    expect(await readyz()).toBe(503);
    up = true;
    vi.advanceTimersByTime(2_500);
    expect(await readyz()).toBe(200);
  });

  it("a recent real upstream answer stands in for a probe", async () => {
    let probes = 0;
    const readyz = await serve(
      {
        listLinks: async () => {
          probes++;
          return { links: [] };
        },
      },
      () => ({ at: Date.now(), ok: true }),
    );
    expect(await readyz()).toBe(200);
    expect(probes).toBe(0);
  });
});
