import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { BatchLine } from "../contract";
import { demoCaseId } from "../simulator";
import { type HttpAnswer, httpRequest, signInAs } from "../testing/sign-in-flow";
import { type RunningBff, startBff } from "../testing/start-bff";

const CHK_212 = demoCaseId("CHK-212");
/** Visible only to Priya and Sam when read as a person. */
const RISK_12 = demoCaseId("RISK-12");
const A = "Priya Raman";
const B = "Marcus Oyelaran";

const TOKEN_SHAPES = /dd_(at|rt)_[A-Za-z0-9_-]{8,}|code_[A-Za-z0-9_-]{32}|casegraph-demo-secret/;

function dump(answer: HttpAnswer): string {
  return `${JSON.stringify(answer.headers)}\n${answer.body}`;
}

async function batch(bff: RunningBff, cookie: string | undefined, body: unknown, origin?: string) {
  const answer = await httpRequest(`${bff.url}/api/batch`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      ...(cookie ? { Cookie: cookie } : {}),
      ...(origin ? { Origin: origin } : {}),
    },
    body: JSON.stringify(body),
  });
  const lines =
    answer.status === 200
      ? answer.body
          .split("\n")
          .filter(Boolean)
          .map((l) => JSON.parse(l) as BatchLine)
      : [];
  return { answer, lines };
}

const linkIds = (lines: BatchLine[]) =>
  lines.flatMap((l) =>
    l.kind === "links" && "data" in l
      ? l.data.flatMap((link) => [
          link.attributes.parent_entity_id,
          link.attributes.child_entity_id,
        ])
      : [],
  );

describe("sign in with Datadog", () => {
  let bff: RunningBff;
  beforeAll(async () => {
    bff = await startBff({ signIn: true });
  });
  afterAll(() => bff?.close());

  it("answers 401 in the error contract to the API when no one is signed in, and sends pages to sign in", async () => {
    for (const path of [
      `/api/links?entity_type=CASE&entity_id=${CHK_212}`,
      `/api/entities/CASE/${CHK_212}`,
    ]) {
      const answer = await httpRequest(`${bff.url}${path}`);
      expect(answer.status, path).toBe(401);
      expect(JSON.parse(answer.body).error).toMatchObject({ status: 401, code: "unauthenticated" });
    }
    const { answer } = await batch(bff, undefined, { links: [{ type: "CASE", id: CHK_212 }] });
    expect(answer.status).toBe(401);
    expect(bff.sim.requests().filter((r) => r.path.startsWith("/api/v2/cases"))).toEqual([]);
    const page = await httpRequest(`${bff.url}/cases/${CHK_212}?depth=2&view=table`);
    expect(page.status).toBe(302);
    expect(page.headers.location).toBe(
      `/auth/login?return_to=${encodeURIComponent(`/cases/${CHK_212}?depth=2&view=table`)}`,
    );
    const config = await httpRequest(`${bff.url}/api/config`);
    expect(JSON.parse(config.body)).toMatchObject({ mode: "live", auth: "datadog" });
  });

  it("signs in through the consent page, lands on the URL it started from with its query, with a new session id", async () => {
    const returnTo = `/cases/${CHK_212}?depth=2&rel=BLOCKS`;
    const signed = await signInAs(bff.url, A, returnTo);
    expect(signed.landedOn).toBe(returnTo);
    expect(signed.cookie).not.toBe(signed.cookieBefore);
    const callbackCookie = signed.answers.at(-1)?.headers["set-cookie"];
    expect(String(callbackCookie)).toMatch(/HttpOnly/i);
    expect(String(callbackCookie)).toMatch(/SameSite=Lax/i);
    // The cookie planted before sign-in is worth nothing afterwards.
    const planted = await httpRequest(`${bff.url}/api/session`, {
      headers: { Cookie: signed.cookieBefore },
    });
    expect(JSON.parse(planted.body).user).toBeUndefined();
    const session = await httpRequest(`${bff.url}/api/session`, {
      headers: { Cookie: signed.cookie },
    });
    expect(JSON.parse(session.body)).toMatchObject({
      mode: "datadog",
      user: { name: A, email: "priya.raman@example.com" },
    });
    for (const answer of [...signed.answers.slice(0, 1), signed.answers.at(-1), session]) {
      if (answer) expect(dump(answer)).not.toMatch(TOKEN_SHAPES);
    }
  });

  it("refuses a return address on another site", async () => {
    for (const evil of ["//evil.example/x", "https://evil.example", "/\\evil.example"]) {
      const signed = await signInAs(bff.url, A, evil);
      expect(signed.landedOn).toBe("/");
    }
  });

  it("a sign-in begun under another allowed name moves to the public address first, so its cookie comes back", async () => {
    const returnTo = `/cases/${CHK_212}?depth=2`;
    const port = new URL(bff.url).port;
    const login = await httpRequest(
      `${bff.url}/auth/login?return_to=${encodeURIComponent(returnTo)}`,
      { headers: { Host: `localhost:${port}` } },
    );
    expect(login.status).toBe(302);
    expect(login.headers["set-cookie"]).toBeUndefined();
    const moved = new URL(String(login.headers.location));
    expect(moved.origin).toBe(bff.url);
    expect(moved.pathname).toBe("/auth/login");
    expect(moved.searchParams.get("return_to")).toBe(returnTo);
    const signed = await signInAs(bff.url, A, moved.searchParams.get("return_to") ?? "");
    expect(signed.landedOn).toBe(returnTo);
  });

  it("reads Datadog as the person, with their token and no org keys; B never gets A's private case, even cached", async () => {
    const a = await signInAs(bff.url, A);
    const b = await signInAs(bff.url, B);
    bff.sim.clearRequests();
    const asA = await batch(bff, a.cookie, {
      links: [{ type: "CASE", id: CHK_212 }],
      entities: [{ type: "CASE", id: RISK_12 }],
    });
    expect(linkIds(asA.lines)).toContain(RISK_12);
    expect(asA.lines.find((l) => l.kind === "entity")).toMatchObject({ data: { key: "RISK-12" } });

    // Right after A's answers were cached: B asks the same.
    const asB = await batch(bff, b.cookie, {
      links: [{ type: "CASE", id: CHK_212 }],
      entities: [{ type: "CASE", id: RISK_12 }],
    });
    expect(linkIds(asB.lines)).not.toContain(RISK_12);
    expect(linkIds(asB.lines)).toContain(CHK_212);
    expect(asB.lines.find((l) => l.kind === "entity")).toMatchObject({ error: { status: 404 } });
    expect(JSON.stringify(asB.lines)).not.toMatch(/RISK-12|Fraud scoring/);
    const single = await httpRequest(`${bff.url}/api/entities/CASE/RISK-12`, {
      headers: { Cookie: b.cookie },
    });
    expect(single.status).toBe(404);
    expect(single.body).not.toMatch(/Fraud scoring/);

    const upstream = bff.sim.requests().filter((r) => r.path.startsWith("/api/v2/cases"));
    expect(upstream.length).toBeGreaterThanOrEqual(4);
    expect(upstream.every((r) => !r.hasKeys && r.userId !== undefined)).toBe(true);
    expect(new Set(upstream.map((r) => r.userId)).size).toBe(2);

    // A's own second look is served from A's cache: no new upstream call.
    bff.sim.clearRequests();
    const again = await batch(bff, a.cookie, { links: [{ type: "CASE", id: CHK_212 }] });
    expect(linkIds(again.lines)).toContain(RISK_12);
    expect(bff.sim.requests()).toEqual([]);
  });

  it("identifies the lookup socket by the session cookie: refused signed out, per person signed in", async () => {
    const wsUrl = `${bff.url.replace(/^http/, "ws")}/api/lookups`;
    const refused = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(wsUrl, { headers: { Origin: bff.url } });
      ws.once("open", () => reject(new Error("the socket opened without a session")));
      ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    });
    expect(refused).toBe(401);
    const forged = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(wsUrl, { headers: { Origin: "https://evil.example" } });
      ws.once("open", () => reject(new Error("the socket opened from another site")));
      ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    });
    expect(forged).toBe(403);

    await signInAs(bff.url, A).then((a) =>
      batch(bff, a.cookie, { links: [{ type: "CASE", id: CHK_212 }] }),
    );
    const b = await signInAs(bff.url, B);
    const ws = new WebSocket(wsUrl, { headers: { Origin: bff.url, Cookie: b.cookie } });
    const line = await new Promise<BatchLine>((resolve, reject) => {
      ws.once("message", (data) => resolve(JSON.parse(String(data)) as BatchLine));
      ws.once("open", () => ws.send(JSON.stringify({ links: [{ type: "CASE", id: CHK_212 }] })));
      ws.once("error", reject);
    });
    ws.close();
    expect(linkIds([line])).toContain(CHK_212);
    expect(linkIds([line])).not.toContain(RISK_12);
  });

  it("renews an access token Datadog no longer accepts, without a failed lookup", async () => {
    const a = await signInAs(bff.url, A);
    bff.caches.links.clear();
    expect(bff.sim.oauth.expireAccessTokens()).toBeGreaterThan(0);
    bff.sim.clearRequests();
    const { lines } = await batch(bff, a.cookie, { links: [{ type: "CASE", id: CHK_212 }] });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toHaveProperty("data");
    const statuses = bff.sim
      .requests()
      .filter((r) => r.path === "/api/v2/cases/link")
      .map((r) => r.status);
    expect(statuses).toEqual([401, 200]);
    // The renewed token is kept: the next lookup needs no renewal.
    bff.caches.links.clear();
    bff.sim.clearRequests();
    await batch(bff, a.cookie, { links: [{ type: "CASE", id: CHK_212 }] });
    expect(bff.sim.requests().map((r) => r.status)).toEqual([200]);
  });

  it("signs out: revokes at Datadog, forgets the session, and the API answers 401 again", async () => {
    const a = await signInAs(bff.url, A);
    const before = bff.sim.oauth.liveRefreshTokens;
    const out = await httpRequest(`${bff.url}/auth/logout`, {
      method: "POST",
      headers: { Cookie: a.cookie, Origin: bff.url },
    });
    expect(out.status).toBe(200);
    expect(String(out.headers["set-cookie"])).toMatch(/casegraph\.sid=;/);
    expect(bff.sim.oauth.liveRefreshTokens).toBe(before - 1);
    const after = await httpRequest(`${bff.url}/api/entities/CASE/${CHK_212}`, {
      headers: { Cookie: a.cookie },
    });
    expect(after.status).toBe(401);
  });

  it("refuses state-changing requests from another site (CSRF)", async () => {
    const a = await signInAs(bff.url, A);
    const body = { links: [{ type: "CASE", id: CHK_212 }] };
    const forged = await batch(bff, a.cookie, body, "https://evil.example");
    expect(forged.answer.status).toBe(403);
    expect(JSON.parse(forged.answer.body).error).toMatchObject({ status: 403, code: "forbidden" });
    const crossSite = await httpRequest(`${bff.url}/auth/logout`, {
      method: "POST",
      headers: { Cookie: a.cookie, "Sec-Fetch-Site": "cross-site" },
    });
    expect(crossSite.status).toBe(403);
    const own = await batch(bff, a.cookie, body, bff.url);
    expect(own.answer.status).toBe(200);
  });

  it("writes one audit line per root opened, naming who, which root and the mode, and no token anywhere in the log", async () => {
    const a = await signInAs(bff.url, A);
    const session = JSON.parse(
      (await httpRequest(`${bff.url}/api/session`, { headers: { Cookie: a.cookie } })).body,
    );
    const opened = await httpRequest(`${bff.url}/api/opened`, {
      method: "POST",
      headers: { Cookie: a.cookie, Origin: bff.url, "Content-Type": "application/json" },
      body: JSON.stringify({ type: "CASE", id: CHK_212 }),
    });
    expect(opened.status).toBe(204);
    const audit = bff.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.audit === "root_opened");
    expect(audit).toEqual([
      expect.objectContaining({ who: session.user.id, root: `CASE:${CHK_212}`, mode: "datadog" }),
    ]);
    expect(bff.logs.join("\n")).not.toMatch(TOKEN_SHAPES);
  });
});

describe("sign in with Datadog: renewal before expiry", () => {
  let bff: RunningBff;
  beforeAll(async () => {
    // Tokens that are already due for renewal when issued (casegraph renews 30 s early).
    bff = await startBff({ signIn: true, accessTokenTtlS: 20 });
  });
  afterAll(() => bff?.close());

  it("renews quietly before the access token lapses, and is signed out once Datadog revokes the grant", async () => {
    const a = await signInAs(bff.url, A);
    bff.sim.clearRequests();
    const first = await batch(bff, a.cookie, { links: [{ type: "CASE", id: CHK_212 }] });
    expect(first.lines[0]).toHaveProperty("data");
    // Renewed before the call, so Datadog never saw a lapsed token.
    expect(bff.sim.requests().map((r) => r.status)).toEqual([200]);

    // The grant is revoked at Datadog (the person signed out elsewhere): renewal is refused.
    bff.sim.oauth.revokeAll();
    bff.caches.links.clear();
    const ended = await batch(bff, a.cookie, { links: [{ type: "CASE", id: CHK_212 }] });
    expect(ended.answer.status).toBe(401);
    expect(JSON.parse(ended.answer.body).error.code).toBe("unauthenticated");
    const session = await httpRequest(`${bff.url}/api/session`, { headers: { Cookie: a.cookie } });
    expect(JSON.parse(session.body).user).toBeUndefined();
  });
});
