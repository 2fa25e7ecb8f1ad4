import { afterAll, describe, expect, it } from "vitest";
import { startBff } from "../testing/start-bff";
import { tempClientDir } from "../testing/temp-client-dir";
import { rawRequest } from "./raw-http";

const client = tempClientDir({ "assets/app.js": "console.log(1)" });

/** Every log line of a sampled failure is at most this long, whatever the request. */
const LINE_MAX = 1_200;
/** Lines per distinct failure per 10 s window; the test sends four kinds. */
const KINDS = 4;

describe("logs stay small under a flood of bad requests", () => {
  const started = Date.now();
  let bff: Awaited<ReturnType<typeof startBff>> | undefined;
  afterAll(async () => {
    await bff?.close();
    client.remove();
  });

  it("caps each line and samples repeated failures of one client", async () => {
    bff = await startBff({
      clientDir: client.dir,
      env: {
        LOG_LEVEL: "info",
        CASEGRAPH_CLIENT_RATE_LIMIT: "200",
        CASEGRAPH_STATIC_RATE_LIMIT: "200",
      },
    });
    const { url } = bff;
    const long = "x".repeat(15_000);
    const requests: Promise<{ status: number }>[] = [];
    for (let i = 0; i < 150; i++) {
      // 400 with a 15 KB query value, 404 with a 15 KB path, then 429s once the limits are hit.
      requests.push(rawRequest(url, { path: `/api/links?entity_type=CASE&entity_id=${long}` }));
      requests.push(rawRequest(url, { path: `/api/${long}` }));
      requests.push(rawRequest(url, { path: "/assets/app.js" }));
      requests.push(rawRequest(url, { path: `/assets/missing-${i}.js` }));
    }
    const statuses = (await Promise.all(requests)).map((r) => r.status);
    // Static files have a limit too.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);

    const lines = bff.logs.join("").split("\n").filter(Boolean);
    const bytes = lines.reduce((n, l) => n + l.length + 1, 0);
    for (const line of lines) {
      expect(line.length).toBeLessThanOrEqual(LINE_MAX);
      expect(line).not.toContain(long.slice(0, 1_000));
    }
    // Bounded by kinds of failure and elapsed windows, not by how many requests came.
    const windows = Math.ceil((Date.now() - started) / 10_000) + 1;
    expect(lines.length).toBeLessThanOrEqual(KINDS * windows + 10);
    expect(bytes).toBeLessThanOrEqual((KINDS * windows + 10) * LINE_MAX);
  });
});
