import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoScenario, type Fault } from "../simulator";
import { type RunningBff, startBff, TEST_KEYS } from "../testing/start-bff";
import { type TempClientDir, tempClientDir } from "../testing/temp-client-dir";
import { type RawRequest, type RawResponse, rawRequest } from "./raw-http";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const builtClient = path.join(repo, "client/dist");
const root = demoScenario.roots[0];
if (!root) throw new Error("the demo scenario has no root");

/** Keys a misconfigured deployment would send: refused upstream, and still never shown. */
const REFUSED_KEYS = { apiKey: "refused-api-key-77aa31c9", appKey: "refused-app-key-0be4d2f6" };
const SECRETS = [TEST_KEYS.apiKey, TEST_KEYS.appKey, REFUSED_KEYS.apiKey, REFUSED_KEYS.appKey];

/** The value, and its distinctive tail, as plain text, base64 and URL-encoding. */
function secretForms(secret: string): string[] {
  const tail = secret.slice(-10);
  return [secret, tail, Buffer.from(secret).toString("base64"), encodeURIComponent(secret)];
}

function leaks(text: string): string[] {
  return SECRETS.flatMap(secretForms).filter((form) => text.includes(form));
}

function dump(res: RawResponse): string {
  return `${JSON.stringify(res.headers)}\n${res.body}`;
}

/** Every route, good and bad, against a BFF whose upstream is failing in every way. */
function exercise(): RawRequest[] {
  const json = { "Content-Type": "application/json" };
  const batch = JSON.stringify({
    links: [{ type: "CASE", id: root?.id }],
    entities: [
      { type: "CASE", id: root?.id },
      { type: "CASE", id: root?.key },
    ],
  });
  return [
    { path: "/healthz" },
    { path: "/readyz" },
    { path: "/api/config" },
    { path: `/api/links?entity_type=CASE&entity_id=${root?.id}` },
    { path: `/api/links?entity_type=CASE&entity_id=${root?.id}&relationship=BLOCKS` },
    { path: `/api/entities/CASE/${root?.id}` },
    { path: `/api/entities/CASE/${root?.key}` },
    { path: "/api/entities/INCIDENT/00000000-0000-4000-8000-000000000001" },
    { path: "/api/entities/PAGE/00000000-0000-4000-8000-000000000002" },
    { method: "POST", path: "/api/batch", headers: json, body: batch },
    { method: "POST", path: "/api/batch", headers: json, body: "{broken" },
    { method: "POST", path: "/api/batch", headers: { "Content-Type": "text/plain" }, body: "x" },
    { method: "POST", path: "/api/batch", headers: json, body: "x".repeat(70_000) },
    { method: "DELETE", path: "/api/batch" },
    { path: "/api/links?entity_type=CASE&entity_id=nope" },
    { path: "/api/entities/CASE/%E0%A4%A" },
    { path: "/api/nothing-here" },
    { path: `/cases/${root?.id}` },
    { path: `/cases/${root?.key}` },
    { path: "/" },
  ];
}

const FAULTS: (Fault | "none")[] = [
  "none",
  "error",
  "hang",
  "malformed",
  "not_found",
  "rate_limited",
  "reset",
  "wrong_content_type",
];

describe("the keys never leave the BFF except towards the upstream", () => {
  const clientDir = existsSync(path.join(builtClient, "index.html")) ? builtClient : undefined;
  let good: RunningBff;
  let refused: RunningBff;
  let limited: RunningBff;
  const seen: string[] = [];

  beforeAll(async () => {
    const options = clientDir ? { clientDir } : {};
    good = await startBff(options);
    refused = await startBff({ ...options, credentials: REFUSED_KEYS });
    limited = await startBff({ ...options, env: { CASEGRAPH_CLIENT_RATE_LIMIT: "3" } });
    const pass = async (bff: RunningBff) => {
      const answers = await Promise.all(exercise().map((req) => rawRequest(bff.url, req)));
      seen.push(...answers.map(dump));
    };
    for (const fault of FAULTS) {
      const faults = fault === "none" ? {} : { [root.id]: fault, [root.key]: fault };
      await Promise.all(
        [good, refused].map((bff) => {
          bff.sim.setKnobs({ faults, faultResetSec: 1 });
          bff.caches.links.clear();
          bff.caches.entities.clear();
          return pass(bff);
        }),
      );
    }
    // Past the client rate limit, and an unreachable upstream.
    await pass(limited);
    await limited.sim.close();
    limited.caches.links.clear();
    await pass(limited);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([good?.close(), refused?.close(), limited?.close()]);
  });

  it("exercised every kind of answer", () => {
    const statuses = new Set(seen.map((s) => /"status":(\d{3})/.exec(s)?.[1]).filter(Boolean));
    for (const status of ["400", "404", "405", "413", "415", "429", "502", "503", "504"]) {
      expect(statuses).toContain(status);
    }
  });

  it("no response body or header carries a key", () => {
    expect(seen.length).toBeGreaterThan(300);
    for (const text of seen) expect(leaks(text)).toEqual([]);
  });

  it("no log line carries a key, and the logs did record the failures", () => {
    const logs = [...good.logs, ...refused.logs, ...limited.logs];
    expect(logs.some((l) => l.includes("upstream_unauthorized"))).toBe(true);
    expect(logs.some((l) => l.includes("upstream_timeout"))).toBe(true);
    for (const line of logs) expect(leaks(line)).toEqual([]);
  });

  it("the upstream did receive the keys, as headers only", () => {
    const requests = good.sim.requests();
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((r) => r.hasKeys)).toBe(true);
    for (const r of requests) expect(leaks(JSON.stringify(r.query))).toEqual([]);
  });

  it("only the three upstream read endpoints were ever reached, with GET", () => {
    const allowed = [
      /^\/api\/v2\/cases\/link$/,
      /^\/api\/v2\/cases\/[^/]+$/,
      /^\/api\/v2\/incidents\/[^/]+$/,
    ];
    for (const bff of [good, refused]) {
      for (const r of bff.sim.requests()) {
        expect(r.method).toBe("GET");
        expect(
          allowed.some((p) => p.test(r.path)),
          r.path,
        ).toBe(true);
      }
    }
  });

  it(`the built client (${clientDir ? "client/dist, scanned" : "not built: source checked instead"}) holds no key and no way to read one`, () => {
    // Vite inlines only VITE_-prefixed variables; a config that widened that would inline the keys.
    const viteConfig = readFileSync(path.join(repo, "vite.config.ts"), "utf8");
    expect(viteConfig).not.toMatch(/envPrefix|define\s*:/);
    const sources = listFiles(path.join(repo, "client/src")).filter((f) => /\.tsx?$/.test(f));
    for (const file of sources) {
      const text = readFileSync(file, "utf8");
      expect(text, file).not.toMatch(/DD_API_KEY|DD_APP_KEY|process\.env|dd-api-key/i);
    }
    if (!clientDir) return;
    for (const file of listFiles(builtClient)) {
      const text = asServed(file);
      expect(leaks(text), file).toEqual([]);
      expect(text, file).not.toMatch(/dd-api-key|dd-application-key|DD_API_KEY|DD_APP_KEY/i);
    }
    const html = readFileSync(path.join(builtClient, "index.html"), "utf8");
    // Every script tag of the build loads a file; the one inline script (a case page's early
    // lookup socket) is the server's, allowed by its hash (early-lookup-socket.test.ts).
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/\ssrc=/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

/** A built file's text as a browser gets it: the `.br` and `.gz` copies beside it decoded. */
function asServed(file: string): string {
  const bytes = readFileSync(file);
  if (file.endsWith(".br")) return brotliDecompressSync(bytes).toString("utf8");
  if (file.endsWith(".gz")) return gunzipSync(bytes).toString("utf8");
  return bytes.toString("utf8");
}

describe("security headers and CORS", () => {
  let bff: RunningBff;
  let cors: RunningBff;
  let client: TempClientDir;
  const ORIGIN = "https://casegraph.example";
  beforeAll(async () => {
    client = tempClientDir();
    bff = await startBff({ clientDir: client.dir });
    cors = await startBff({ env: { CASEGRAPH_CORS_ORIGINS: `${ORIGIN},https://other.example` } });
  });
  afterAll(async () => {
    await Promise.all([bff?.close(), cors?.close()]);
    client?.remove();
  });

  it("every kind of answer carries CSP without 'unsafe-inline' or 'unsafe-eval', nosniff, Referrer-Policy, frame denial", async () => {
    const paths = [
      "/healthz",
      "/api/config",
      `/api/links?entity_type=CASE&entity_id=${root.id}`,
      "/api/links?entity_type=CASE&entity_id=bad",
      "/api/nothing",
      "/cases/x",
    ];
    for (const p of paths) {
      const res = await rawRequest(bff.url, { path: p });
      const csp = String(res.headers["content-security-policy"]);
      const script = /script-src ([^;]*)/.exec(csp)?.[1] ?? "";
      expect(script, p).toContain("'self'");
      expect(script, p).not.toMatch(/unsafe-inline|unsafe-eval|\*|data:/);
      expect(csp, p).toMatch(/default-src 'self'/);
      expect(csp, p).toMatch(/frame-ancestors 'none'/);
      expect(csp, p).toMatch(/object-src 'none'/);
      expect(res.headers["x-content-type-options"], p).toBe("nosniff");
      expect(res.headers["referrer-policy"], p).toBe("strict-origin-when-cross-origin");
      expect(res.headers["x-frame-options"], p).toBe("DENY");
      expect(res.headers["x-powered-by"], p).toBeUndefined();
    }
  });

  it("no CORS headers at all when CASEGRAPH_CORS_ORIGINS is not set", async () => {
    for (const method of ["GET", "OPTIONS"]) {
      const res = await rawRequest(bff.url, {
        method,
        path: `/api/links?entity_type=CASE&entity_id=${root.id}`,
        headers: { Origin: ORIGIN, "Access-Control-Request-Method": "GET" },
      });
      const cors = Object.keys(res.headers).filter((h) => h.startsWith("access-control-"));
      expect(cors).toEqual([]);
    }
  });

  it("when configured: the listed origins only, echoed with Vary, never a wildcard or credentials", async () => {
    const allowed = await rawRequest(cors.url, {
      path: `/api/links?entity_type=CASE&entity_id=${root.id}`,
      headers: { Origin: ORIGIN },
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers["access-control-allow-origin"]).toBe(ORIGIN);
    expect(String(allowed.headers.vary)).toMatch(/Origin/i);
    expect(allowed.headers["access-control-allow-credentials"]).toBeUndefined();

    const preflight = await rawRequest(cors.url, {
      method: "OPTIONS",
      path: "/api/batch",
      headers: { Origin: ORIGIN, "Access-Control-Request-Method": "POST" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-methods"]).toBe("GET, POST");

    for (const origin of [
      "https://evil.example",
      "null",
      `${ORIGIN}.evil.example`,
      "http://casegraph.example",
    ]) {
      const res = await rawRequest(cors.url, {
        method: "OPTIONS",
        path: "/api/batch",
        headers: { Origin: origin, "Access-Control-Request-Method": "POST" },
      });
      expect(res.headers["access-control-allow-origin"], origin).toBeUndefined();
      expect(res.status, origin).toBe(405);
    }
    // CORS is for /api only; the pages are same-origin.
    const page = await rawRequest(cors.url, { path: "/healthz", headers: { Origin: ORIGIN } });
    expect(page.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("the client rate limit answers 429 in the contract with Retry-After", async () => {
    const limited = await startBff({ env: { CASEGRAPH_CLIENT_RATE_LIMIT: "2" } });
    try {
      const answers: RawResponse[] = [];
      for (let i = 0; i < 3; i++)
        answers.push(await rawRequest(limited.url, { path: "/api/config" }));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
      const last = answers[2];
      expect(last?.headers["retry-after"]).toBe("60");
      expect(JSON.parse(last?.body ?? "{}").error.code).toBe("rate_limited");
      // Health checks are not API calls and are never limited.
      expect((await rawRequest(limited.url, { path: "/healthz" })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
