import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CASE_KEY_PATTERN, ENTITY_TYPES, UUID_PATTERN } from "../contract";
import { demoScenario } from "../simulator";
import { type RunningBff, startBff } from "../testing/start-bff";
import { type TempClientDir, tempClientDir } from "../testing/temp-client-dir";
import { errorContractProblem, rawBytes, rawRequest } from "./raw-http";

const root = demoScenario.roots[0];
if (!root) throw new Error("the demo scenario has no root");
const RUNS = { numRuns: 150 };

/** What attackers and broken clients put in ids. */
const NASTY = [
  "%2F",
  "%2f..%2f",
  "%00",
  "%0D%0A",
  "%0d%0aX-Injected:%201",
  "%C0%AF",
  "%C0%AE%C0%AE%C0%AF",
  "%E0%80%AF",
  "%FF",
  "%",
  "%zz",
  "..",
  "../..",
  "..%2F..%2Fv1%2Fvalidate",
  "%2e%2e%2f",
  "/",
  "//",
  "\\",
  // Raw ? and # end the path; encoded they are part of the id.
  "%3F",
  "%23",
  "&entity_id=",
  ";",
  "%20",
  "+",
  "%u002F",
  "%EF%BB%BF",
  "%F0%9F%92%A5",
  "%ED%A0%80",
  "'",
  '"',
  "<script>",
  // A log4shell-style lookup, as text.
  ["$", "{jndi:x}"].join(""),
];

/** A value for an id slot: arbitrary text, nasty tokens, or a valid id spoiled by one. */
const spoiledId = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }).map(encodeURIComponent),
  fc.constantFrom(...NASTY),
  fc.tuple(fc.constantFrom(...NASTY), fc.constantFrom(...NASTY)).map(([a, b]) => a + b),
  fc.constantFrom(...NASTY).map((n) => `${root.id}${n}`),
  fc.constantFrom(...NASTY).map((n) => `${n}${root.id}`),
  fc.constantFrom(...NASTY).map((n) => `${root.key}${n}`),
  fc.nat({ max: 5000 }).map((n) => "A".repeat(101 + n)),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }).map(encodeURIComponent),
);

/** A redirect may only go to a path on this origin: never `//host` or `/\\host`. */
function expectLocalRedirect(location: string | string[] | undefined): void {
  expect(typeof location).toBe("string");
  expect(String(location)).toMatch(/^\/(?![/\\])/);
}

/** Whether a raw (still percent-encoded) value would be a valid id once Express decodes it. */
function decodesToValidId(raw: string, allowKey: boolean): boolean {
  let decoded: string;
  try {
    // Routing is not strict: `/api/entities/CASE/<uuid>/` is the same resource.
    decoded = decodeURIComponent(raw.replace(/\/$/, ""));
  } catch {
    return false;
  }
  return UUID_PATTERN.test(decoded) || (allowKey && CASE_KEY_PATTERN.test(decoded));
}

describe("bad input, property-based: 4xx in the contract, no upstream call, nothing changes", () => {
  let bff: RunningBff;
  let client: TempClientDir;
  beforeAll(async () => {
    // A stand-in client build so that the SPA fallback and page previews are fuzzed too.
    client = tempClientDir({
      "index.html":
        '<!doctype html><html><head><title>casegraph</title><script type="module" src="/assets/app.js"></script></head><body></body></html>',
    });
    bff = await startBff({ clientDir: client.dir });
  });
  afterAll(async () => {
    await bff.close();
    client.remove();
  });
  beforeEach(() => bff.sim.clearRequests());

  const expectRefused = async (
    req: Parameters<typeof rawRequest>[1],
    allowed: readonly number[],
  ) => {
    bff.sim.clearRequests();
    const res = await rawRequest(bff.url, req);
    const problem = errorContractProblem(res, allowed);
    if (problem) throw new Error(`${req.method ?? "GET"} ${req.path}: ${problem}`);
    if (bff.sim.requests().length > 0) {
      throw new Error(`${req.method ?? "GET"} ${req.path} reached the upstream`);
    }
    return res;
  };

  it("GET /api/links with a spoiled entity_id, entity_type or relationship", async () => {
    const query = fc.oneof(
      spoiledId
        .filter((id) => !decodesToValidId(id, false))
        .map((id) => `entity_type=CASE&entity_id=${id}`),
      spoiledId.map((t) => `entity_type=${t}&entity_id=${root.id}`),
      spoiledId
        .filter((r) => {
          try {
            return !/^[A-Z][A-Z_]{0,39}$/.test(decodeURIComponent(r));
          } catch {
            return true;
          }
        })
        .map((r) => `entity_type=CASE&entity_id=${root.id}&relationship=${r}`),
    );
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        await expectRefused({ path: `/api/links?${q}` }, [400]);
      }),
      RUNS,
    );
  });

  it("GET /api/links with repeated, array, object and unknown parameters", async () => {
    const good = [`entity_type=CASE`, `entity_id=${root.id}`];
    const extra = fc.oneof(
      fc.constantFrom(
        `entity_id=${root.id}`,
        "entity_type=CASE",
        `entity_id[]=${root.id}`,
        "entity_type[]=CASE",
        `entity_id[0]=${root.id}`,
        "entity_id[a]=b",
        "relationship=BLOCKS&relationship=CAUSES",
        "relationship[]=BLOCKS",
        "__proto__=x",
        "constructor[prototype][x]=1",
        "hasOwnProperty=1",
      ),
      fc
        .string({ unit: "binary", minLength: 1, maxLength: 20 })
        .filter((n) => !["entity_type", "entity_id", "relationship"].includes(n))
        .map((n) => `${encodeURIComponent(n)}=1`),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(extra, { minLength: 1, maxLength: 4 }), async (extras) => {
        await expectRefused({ path: `/api/links?${[...good, ...extras].join("&")}` }, [400]);
      }),
      RUNS,
    );
  });

  it("GET /api/entities/<type>/<id> with spoiled segments, traversal and extra segments", async () => {
    const segments = fc.oneof(
      fc
        .tuple(fc.constantFrom(...ENTITY_TYPES), spoiledId)
        .filter(([type, id]) => !decodesToValidId(id, type === "CASE"))
        .map(([type, id]) => `/api/entities/${type}/${id}`),
      spoiledId.map((type) => `/api/entities/${type}/${root.id}`),
      fc.constantFrom(
        `/api/entities/CASE/${root.id}/..`,
        `/api/entities/CASE/${root.id}/x`,
        `/api/entities/CASE/../../v2/users`,
        "/api/entities/CASE/",
        "/api/entities//",
        "/api/entities",
        `/api/entities/CASE%2F${root.id}`,
        `/api/entities/CASE/${root.id}%2F..%2F..`,
        `/api//entities/CASE/${root.id}`,
        "/api/../api/v2/cases/link",
        "/api/v2/cases/link?entity_type=CASE",
        "/api/%2e%2e/%2e%2e/etc/passwd",
        "/api/entities/CASE/%C0%AE%C0%AE",
      ),
    );
    await fc.assert(
      fc.asyncProperty(segments, async (p) => {
        await expectRefused({ path: p }, [400, 404]);
      }),
      RUNS,
    );
  });

  it("POST /api/batch with arbitrary JSON bodies", async () => {
    const ref = fc.record(
      { type: fc.oneof(fc.constantFrom(...ENTITY_TYPES), fc.string()), id: spoiledId },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({ links: fc.array(ref, { maxLength: 5 }) }, { requiredKeys: [] }),
      fc.record({ entities: fc.array(ref, { maxLength: 5 }), extra: fc.anything() }),
      fc.record({ links: fc.anything(), entities: fc.anything() }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const text = JSON.stringify(b) ?? "null";
        await expectRefused(
          {
            method: "POST",
            path: "/api/batch",
            headers: { "Content-Type": "application/json" },
            body: text,
          },
          [400, 413],
        );
      }),
      RUNS,
    );
  });

  it("POST /api/batch with broken text, wrong content types, encodings and sizes", async () => {
    const cases = fc.oneof(
      fc
        .string({ unit: "binary", maxLength: 200 })
        .map((body) => ({ type: "application/json", body, allowed: [400] })),
      fc
        .constantFrom(
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "application/xml",
          "text/html",
          "application/jsonx",
          "",
        )
        .map((type) => ({
          type,
          body: JSON.stringify({ links: [{ type: "CASE", id: root.id }] }),
          allowed: [415],
        })),
      fc.constantFrom("utf-16", "latin1", "koi8-r", "x-unknown").map((charset) => ({
        type: `application/json; charset=${charset}`,
        body: "{}",
        // body-parser reads any utf-* charset and then fails to parse: 400; others 415.
        allowed: [400, 415],
      })),
      fc.integer({ min: 65 * 1024, max: 400 * 1024 }).map((size) => ({
        type: "application/json",
        body: JSON.stringify({ links: [{ type: "CASE", id: "x".repeat(size) }] }),
        allowed: [413],
      })),
      fc.integer({ min: 501, max: 1200 }).map((n) => ({
        type: "application/json",
        body: JSON.stringify({
          entities: Array.from({ length: n }, (_, i) => ({ type: "CASE", id: `P-${i + 1}` })),
        }),
        allowed: [400],
      })),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ({ type, body, allowed }) => {
        const headers: Record<string, string> = type ? { "Content-Type": type } : {};
        await expectRefused({ method: "POST", path: "/api/batch", headers, body }, allowed);
      }),
      { numRuns: 100 },
    );
    // Compressed bodies the server cannot read are refused too.
    for (const encoding of ["br", "x-custom", "gzip"]) {
      await expectRefused(
        {
          method: "POST",
          path: "/api/batch",
          headers: { "Content-Type": "application/json", "Content-Encoding": encoding },
          body: "not compressed at all",
        },
        [400, 415],
      );
    }
  });

  it("wrong methods on every API route: 405 with Allow", async () => {
    const routes = [
      { path: `/api/links?entity_type=CASE&entity_id=${root.id}`, allow: "GET" },
      { path: `/api/entities/CASE/${root.id}`, allow: "GET" },
      { path: "/api/batch", allow: "POST" },
    ];
    const methods = ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "GET", "TRACE"];
    for (const route of routes) {
      for (const method of methods) {
        if (route.allow === method) continue;
        const res = await expectRefused(
          { method, path: route.path, headers: { "Content-Type": "application/json" }, body: "{}" },
          [405],
        );
        expect(String(res.headers.allow)).toContain(route.allow);
      }
    }
  });

  it("unknown API paths of any shape are 404 in the contract", async () => {
    const apiPath = fc
      .array(
        fc.oneof(
          fc.constantFrom(...NASTY),
          fc.string({ unit: "binary", maxLength: 12 }).map(encodeURIComponent),
        ),
        {
          minLength: 1,
          maxLength: 4,
        },
      )
      .map((parts) => `/api/v2/${parts.join("/")}`);
    await fc.assert(
      fc.asyncProperty(apiPath, async (p) => {
        await expectRefused({ path: p }, [400, 404]);
      }),
      RUNS,
    );
  });

  it("page loads with arbitrary /cases/<id> are HTML or a 400, never an upstream call", async () => {
    // The preview looks up a UUID or key, with or without a trailing slash; anything else must not.
    const id = spoiledId.filter((s) => {
      const bare = s.replace(/\/$/, "");
      return !UUID_PATTERN.test(bare) && !CASE_KEY_PATTERN.test(bare);
    });
    await fc.assert(
      fc.asyncProperty(id, async (s) => {
        bff.sim.clearRequests();
        const res = await rawRequest(bff.url, { path: `/cases/${s}` });
        if (res.status === 200) expect(String(res.headers["content-type"])).toContain("text/html");
        else if (res.status === 301) expectLocalRedirect(res.headers.location);
        else expect(errorContractProblem(res, [400, 404])).toBeUndefined();
        // The id is never echoed raw into the HTML.
        expect(res.body).not.toContain("<script>");
        expect(bff.sim.requests()).toHaveLength(0);
      }),
      RUNS,
    );
  });

  it("any other path is the app, a 400/404, or a redirect that stays on this origin", async () => {
    const anyPath = fc
      .array(
        fc.oneof(
          fc.constantFrom(...NASTY, "", "evil.example", "%5Cevil.example", "\\evil.example"),
          fc.string({ unit: "binary", maxLength: 12 }).map(encodeURIComponent),
        ),
        { minLength: 1, maxLength: 5 },
      )
      .map((parts) => `/${parts.join("/")}`)
      .filter((p) => !p.startsWith("/api/") && !p.startsWith("/cases/"));
    // Found by this property: serve-static's directory redirect echoed the raw path.
    for (const p of ["/\\evil.example/..", "/\\evil.example/%2e%2e", "//evil.example/.."]) {
      const res = await rawRequest(bff.url, { path: p });
      if (res.status >= 300 && res.status < 400) expectLocalRedirect(res.headers.location);
    }
    await fc.assert(
      fc.asyncProperty(anyPath, async (p) => {
        bff.sim.clearRequests();
        const res = await rawRequest(bff.url, { path: p });
        if (res.status >= 300 && res.status < 400) expectLocalRedirect(res.headers.location);
        else if (res.status !== 200) expect(errorContractProblem(res, [400, 404])).toBeUndefined();
        expect(bff.sim.requests()).toHaveLength(0);
      }),
      RUNS,
    );
  });

  it("raw NUL and spaces in the request line are refused by the HTTP parser", async () => {
    for (const line of [
      `GET /api/entities/CASE/${root.id}\u0000 HTTP/1.1`,
      `GET /api/entities/CASE/a b HTTP/1.1`,
    ]) {
      const answer = await rawBytes(bff.url, `${line}\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    }
    // A header over Node's limit (16 KiB) is refused before Express sees it.
    const huge = await rawRequest(bff.url, {
      path: `/api/links?entity_type=CASE&entity_id=${"a".repeat(20_000)}`,
    });
    expect([414, 431]).toContain(huge.status);
    expect(bff.sim.requests()).toHaveLength(0);
  });

  it("valid but unusual ids reach only the three read endpoints, with the id intact", async () => {
    const uuid = fc.uuid().map((u) => (Math.random() < 0.5 ? u.toUpperCase() : u));
    const key = fc
      .tuple(
        fc.stringMatching(/^[A-Z][A-Z0-9_]{0,19}$/),
        fc.integer({ min: 1, max: 2_000_000_000 }),
      )
      .map(([p, n]) => `${p}-${n}`);
    await fc.assert(
      fc.asyncProperty(uuid, key, async (u, k) => {
        bff.sim.clearRequests();
        const answers = await Promise.all([
          rawRequest(bff.url, { path: `/api/links?entity_type=INCIDENT&entity_id=${u}` }),
          rawRequest(bff.url, { path: `/api/entities/CASE/${k}` }),
          rawRequest(bff.url, { path: `/api/entities/INCIDENT/${u}` }),
        ]);
        for (const a of answers) expect([200, 404]).toContain(a.status);
        const seen = bff.sim.requests().map((r) => `${r.method} ${r.path}`);
        expect(seen.sort()).toEqual(
          [
            "GET /api/v2/cases/link",
            `GET /api/v2/cases/${k}`,
            `GET /api/v2/incidents/${u.toLowerCase()}`,
          ].sort(),
        );
      }),
      { numRuns: 40 },
    );
  });

  it("a good request still works after all of it", async () => {
    const res = await rawRequest(bff.url, {
      path: `/api/links?entity_type=CASE&entity_id=${root.id}`,
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).data.length).toBeGreaterThan(0);
  });
});
