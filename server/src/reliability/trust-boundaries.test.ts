import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { connect } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import type { BatchLine, EntityResponse, LinksResponse } from "../contract";
import { REQUEST_TIMEOUT_MS } from "../create-bff";
import { demoScenario } from "../simulator";
import { startBff, TEST_KEYS, upstreamLinkCalls, useFreshBff } from "../testing/start-bff";
import { errorContractProblem, type RawRequest, rawRequest } from "./raw-http";

// Each test of a shared BFF that refreshes uses its own case: one client's refreshes are
// limited per entity. (The canonical-id test, which uses `second` too, has a BFF of its own.)
const [root, second, third] = demoScenario.roots;
if (!root || !second || !third) throw new Error("the demo scenario needs three roots");
const fourth = second;

const linksPath = (id: string) => `/api/links?entity_type=CASE&entity_id=${id}`;
const labelPath = (id: string) => `/api/entities/CASE/${id}`;

async function batch(
  base: string,
  body: unknown,
  extra: Partial<RawRequest> = {},
): Promise<BatchLine[]> {
  const res = await rawRequest(base, {
    method: "POST",
    path: "/api/batch",
    ...extra,
    headers: { "Content-Type": "application/json", ...extra.headers },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return res.body
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as BatchLine);
}

function listen(
  handler: Parameters<typeof createServer>[1],
): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}`, server });
    }),
  );
}

describe("upstream trust: keys never follow a redirect, and only Datadog's JSON is data", () => {
  const servers: Server[] = [];
  afterAll(() => {
    for (const s of servers) s.close();
  });

  it("a redirect to another origin is a 502, and the other host receives nothing", async () => {
    const reached: IncomingHttpHeaders[] = [];
    const other = await listen((req, res) => {
      reached.push(req.headers);
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"data":[]}');
    });
    const redirector = await listen((req, res) => {
      res.writeHead(307, { location: `${other.url}${req.url}` });
      res.end();
    });
    servers.push(other.server, redirector.server);
    const bff = await startBff({ env: { DD_API_URL: redirector.url } });
    try {
      const res = await rawRequest(bff.url, { path: linksPath(root.id) });
      expect(errorContractProblem(res, [502])).toBeUndefined();
      expect(JSON.parse(res.body).error.message).toMatch(/redirect/);
      const lines = await batch(bff.url, { entities: [{ type: "CASE", id: root.id }] });
      expect(lines[0] && "error" in lines[0] ? lines[0].error.status : 0).toBe(502);
      expect(reached).toEqual([]);
      const logged = bff.logs.join("");
      expect(logged).toContain("redirect to");
      expect(logged).not.toContain(TEST_KEYS.apiKey);
      expect(logged).not.toContain(TEST_KEYS.appKey);
    } finally {
      await bff.close();
    }
  });

  it("an answer that is not Datadog's JSON (a proxy's HTML page) is a 502, not data or not-found", async () => {
    const proxy = await listen((_req, res) => {
      res.writeHead(404, { "content-type": "text/html" });
      res.end("<html><body>Not Found</body></html>");
    });
    servers.push(proxy.server);
    const bff = await startBff({ env: { DD_API_URL: proxy.url } });
    try {
      const res = await rawRequest(bff.url, { path: labelPath(root.id) });
      expect(errorContractProblem(res, [502])).toBeUndefined();
      expect(bff.logs.join("")).toContain("text/html");
    } finally {
      await bff.close();
    }
  });
});

describe("Host allowlist and trusted proxies", () => {
  const bff = useFreshBff({
    env: {
      CASEGRAPH_PUBLIC_URL: "https://casegraph.example.com",
      CASEGRAPH_ALLOWED_HOSTS: "graph.internal",
    },
  });

  it("refuses a foreign Host (DNS rebinding) in the error contract, before any upstream call", async () => {
    for (const host of ["evil.example", "attacker.test:8080", "127.0.0.1.nip.io"]) {
      const res = await rawRequest(bff().url, {
        path: linksPath(root.id),
        headers: { Host: host },
      });
      expect(errorContractProblem(res, [421])).toBeUndefined();
      expect(JSON.parse(res.body).error.code).toBe("misdirected_request");
    }
    expect(upstreamLinkCalls(bff().sim)).toHaveLength(0);
  });

  it("serves its own names: the listen address, localhost, the public URL's host and the listed ones", async () => {
    const port = new URL(bff().url).port;
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      "casegraph.example.com",
      "graph.internal",
    ]) {
      const res = await rawRequest(bff().url, { path: "/api/config", headers: { Host: host } });
      expect(res.status).toBe(200);
    }
  });

  it("health probes answer whatever the Host (orchestrators call them by address)", async () => {
    const res = await rawRequest(bff().url, { path: "/healthz", headers: { Host: "10.0.0.7" } });
    expect(res.status).toBe(200);
  });

  it("sends HSTS only over HTTPS, never over plain HTTP", async () => {
    const res = await rawRequest(bff().url, { path: "/api/config" });
    expect(res.status).toBe(200);
    expect(res.headers["strict-transport-security"]).toBeUndefined();
  });

  it("behind a trusted proxy, each forwarded address is a client of its own", async () => {
    const proxied = await startBff({
      env: { CASEGRAPH_TRUST_PROXY: "loopback", CASEGRAPH_CLIENT_RATE_LIMIT: "3" },
    });
    try {
      const as = (ip: string) =>
        rawRequest(proxied.url, {
          path: "/api/config",
          headers: { "X-Forwarded-For": ip, "X-Forwarded-Proto": "https" },
        });
      const first = await Promise.all([as("203.0.113.1"), as("203.0.113.1"), as("203.0.113.1")]);
      expect(first.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(first[0]?.headers["strict-transport-security"]).toBeDefined();
      expect((await as("203.0.113.1")).status).toBe(429);
      expect((await as("203.0.113.2")).status).toBe(200);
    } finally {
      await proxied.close();
    }
  });
});

describe("the cache never makes an answer worse", () => {
  const bff = useFreshBff();

  it("a failed refresh leaves everyone else the cached answer, marked stale; the refresher gets the error", async () => {
    const before = await batch(bff().url, { links: [{ type: "CASE", id: root.id }] });
    expect(before[0] && "data" in before[0]).toBe(true);
    bff().sim.setKnobs({ faults: { [root.id]: "error" } });

    const refresh = await batch(
      bff().url,
      { links: [{ type: "CASE", id: root.id }] },
      { headers: { "Cache-Control": "no-cache" } },
    );
    expect(refresh[0] && "error" in refresh[0] ? refresh[0].error.status : 0).toBe(502);

    // Someone else, from another address.
    const other = await batch(
      bff().url,
      { links: [{ type: "CASE", id: root.id }] },
      { localAddress: "127.0.0.2" },
    );
    const line = other[0];
    expect(line && "data" in line ? line.data : undefined).toEqual(
      before[0] && "data" in before[0] ? before[0].data : [],
    );
    expect(line && "meta" in line ? line.meta?.stale : undefined).toBe(true);
    const asOf = line && "meta" in line ? Date.parse(line.meta?.as_of ?? "") : Number.NaN;
    expect(asOf).toBeLessThanOrEqual(Date.now());
    const get = await rawRequest(bff().url, {
      path: linksPath(root.id),
      localAddress: "127.0.0.2",
    });
    expect(get.status).toBe(200);
    expect((JSON.parse(get.body) as LinksResponse).meta?.stale).toBe(true);
  });

  it("readers of a cached entry do not wait for someone's refresh", async () => {
    await batch(bff().url, { links: [{ type: "CASE", id: third.id }] });
    bff().sim.setKnobs({ faults: { [third.id]: "hang" } });
    const refresher = new AbortController();
    let refreshSettled = false;
    const refreshing = fetch(`${bff().url}/api/batch`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Cache-Control": "no-cache" },
      body: JSON.stringify({ links: [{ type: "CASE", id: third.id }] }),
      signal: refresher.signal,
    })
      .then((r) => r.text())
      .catch(() => "")
      .finally(() => {
        refreshSettled = true;
      });
    // The refresh has reached the upstream (and hangs there) before the reader asks.
    while (upstreamLinkCalls(bff().sim, third.id).length < 2)
      await new Promise((r) => setTimeout(r, 10));
    const read = await rawRequest(bff().url, { path: linksPath(third.id) });
    expect(read.status).toBe(200);
    expect(refreshSettled).toBe(false);
    refresher.abort();
    await refreshing;
  });

  it("an unknown key costs one upstream call however often it is asked for", async () => {
    for (let i = 0; i < 3; i++) {
      const res = await rawRequest(bff().url, { path: labelPath("NOPE-1") });
      expect(errorContractProblem(res, [404])).toBeUndefined();
    }
    const calls = bff()
      .sim.requests()
      .filter((r) => r.path.startsWith("/api/v2/cases/NOPE-1"));
    expect(calls).toHaveLength(1);
  });

  it("a case deleted upstream is gone by key and by UUID alike", async () => {
    const byKey = await rawRequest(bff().url, { path: labelPath(root.key) });
    expect((JSON.parse(byKey.body) as EntityResponse).data.id).toBe(root.id);
    expect((await rawRequest(bff().url, { path: labelPath(root.id) })).status).toBe(200);
    bff().sim.setKnobs({ faults: { [root.id]: "not_found" } });
    const refreshed = await batch(
      bff().url,
      { entities: [{ type: "CASE", id: root.id }] },
      { headers: { "Cache-Control": "no-cache" } },
    );
    expect(refreshed[0] && "error" in refreshed[0] ? refreshed[0].error.status : 0).toBe(404);
    const again = await rawRequest(bff().url, { path: labelPath(root.key) });
    expect(errorContractProblem(again, [404])).toBeUndefined();
  });

  it("Cache-Control: x-no-cache-y is not a refresh; one client's refreshes are limited per entity", async () => {
    await batch(bff().url, { links: [{ type: "CASE", id: fourth.id }] });
    await batch(
      bff().url,
      { links: [{ type: "CASE", id: fourth.id }] },
      { headers: { "Cache-Control": "x-no-cache-y" } },
    );
    expect(upstreamLinkCalls(bff().sim, fourth.id)).toHaveLength(1);
    for (let i = 0; i < 5; i++) {
      await batch(
        bff().url,
        { links: [{ type: "CASE", id: fourth.id }] },
        { headers: { "Cache-Control": "no-cache" } },
      );
    }
    // Five presses of Refresh within the interval: one fresh read.
    expect(upstreamLinkCalls(bff().sim, fourth.id)).toHaveLength(2);
  });
});

describe("one canonical form of every id", () => {
  const bff = useFreshBff({ knobs: { latencyMs: 50 } });

  it("an uppercase UUID is sent upstream in lowercase, however it arrives first", async () => {
    // Alone and first, so nothing lowercase can have reached the upstream before it.
    const upper = third.id.toUpperCase();
    const lines = await batch(bff().url, {
      entities: [{ type: "CASE", id: upper }],
      links: [{ type: "CASE", id: upper }],
    });
    const label = lines.find((line) => line.kind === "entity");
    expect(label && "data" in label && label.kind === "entity" && label.data.key).toBe(third.key);
    expect(lines.find((line) => line.kind === "links")).toHaveProperty("data");
    const viaGet = await rawRequest(bff().url, { path: labelPath(upper) });
    expect(viaGet.status).toBe(200);
    const paths = bff()
      .sim.requests()
      .filter((r) => r.path.toLowerCase() === `/api/v2/cases/${third.id}`)
      .map((r) => r.path);
    expect(paths).toEqual([`/api/v2/cases/${third.id}`]);
    expect(upstreamLinkCalls(bff().sim).map((c) => c.entityId)).toEqual([third.id]);
  });

  it("an uppercase UUID answers like the lowercase one, in GET and batch, with one upstream call", async () => {
    bff().sim.clearRequests();
    const upper = second.id.toUpperCase();
    const [viaGet, viaGetLower, lines] = await Promise.all([
      rawRequest(bff().url, { path: labelPath(upper) }),
      rawRequest(bff().url, { path: labelPath(second.id) }),
      batch(bff().url, {
        entities: [{ type: "CASE", id: upper }],
        links: [{ type: "CASE", id: upper }],
      }),
    ]);
    expect(viaGet.status).toBe(200);
    expect(viaGetLower.status).toBe(200);
    expect((JSON.parse(viaGet.body) as EntityResponse).data.key).toBe(second.key);
    for (const line of lines) expect("data" in line).toBe(true);
    const caseCalls = bff()
      .sim.requests()
      .filter((r) => r.path.toLowerCase() === `/api/v2/cases/${second.id}`);
    expect(caseCalls).toHaveLength(1);
    expect(caseCalls[0]?.path).toBe(`/api/v2/cases/${second.id}`);
    expect(upstreamLinkCalls(bff().sim).map((c) => c.entityId)).toEqual([second.id]);
  });
});

describe("requests arrive whole or not at all", () => {
  const bff = useFreshBff();

  /** Writes `head` on a new connection, `afterMs` after it opened, and reads until it closes. */
  const exchange = (head: string, afterMs = 0, closeAfterAnswer = false) => {
    const { hostname, port } = new URL(bff().url);
    return new Promise<string>((resolve, reject) => {
      let received = "";
      const socket = connect({ host: hostname, port: Number(port) }, () => {
        setTimeout(() => socket.write(head), afterMs);
      });
      socket.on("data", (chunk) => {
        received += String(chunk);
        if (closeAfterAnswer && received.includes("\r\n\r\n")) socket.end();
      });
      socket.on("close", () => resolve(received));
      socket.on("error", reject);
    });
  };

  it("a request body that never ends is cut after a few seconds, with a 408 that says so", async () => {
    const answer = await exchange(
      "POST /api/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{",
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    const body = JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4));
    expect(body).toEqual({
      error: {
        status: 408,
        code: "request_timeout",
        message: `The request did not arrive whole within ${REQUEST_TIMEOUT_MS / 1000} s.`,
      },
    });
  });

  it("a connection a browser opened ahead of need is answered when it is used, past that deadline", async () => {
    // Chromium opens connections before it sends on them; on a busy page it can be seconds.
    const answer = await exchange(
      "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
      REQUEST_TIMEOUT_MS + 1_000,
      true,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
  });
});
