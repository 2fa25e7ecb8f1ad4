import type { Server } from "node:http";
import express from "express";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AppError } from "../errors";
import { clientRateLimit } from "./client-rate-limit";

let server: Server | undefined;
afterEach(() => {
  server?.close();
  vi.useRealTimers();
});

describe("clientRateLimit", () => {
  it("says in Retry-After when this client's window really resets", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-01T10:00:00Z"));
    const app = express()
      .use(clientRateLimit(2))
      .get("/", (_req, res) => {
        res.send("ok");
      })
      .use((error: AppError, _req: express.Request, res: express.Response, _next: unknown) => {
        res.setHeader("Retry-After", String(error.retryAfterSec));
        res.status(error.status).send(error.message);
      });
    server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server?.once("listening", resolve));
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`;
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(url)).status).toBe(200);
    vi.advanceTimersByTime(45_000);
    const limited = await fetch(url);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("15");
    expect(await limited.text()).toContain("15 s");
  });
});
