import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoCaseId } from "../simulator";
import { httpRequest } from "../testing/sign-in-flow";
import { type RunningBff, startBff } from "../testing/start-bff";

const CHK_212 = demoCaseId("CHK-212");
const path = `/api/entities/CASE/${CHK_212}`;

describe("behind an SSO proxy", () => {
  let bff: RunningBff;
  beforeAll(async () => {
    // The proxy connects from 127.0.0.2; everyone else (127.0.0.1 here) is not it.
    bff = await startBff({
      env: {
        CASEGRAPH_AUTH: "proxy",
        CASEGRAPH_TRUST_PROXY: "127.0.0.2",
        CASEGRAPH_PROXY_ALLOW: "@example.com,guest@partner.example",
      },
    });
  });
  afterAll(() => bff?.close());

  const fromProxy = (email?: string, header = "X-Auth-Request-Email") =>
    httpRequest(`${bff.url}${path}`, {
      localAddress: "127.0.0.2",
      headers: email ? { [header]: email } : {},
    });

  it("refuses an identity header from an address that is not the proxy, before any upstream call", async () => {
    bff.sim.clearRequests();
    const forged = await httpRequest(`${bff.url}${path}`, {
      headers: { "X-Auth-Request-Email": "priya.raman@example.com" },
    });
    expect(forged.status).toBe(403);
    expect(JSON.parse(forged.body).error).toMatchObject({ code: "forbidden" });
    expect(JSON.parse(forged.body).error.message).toMatch(/CASEGRAPH_TRUST_PROXY/);
    expect(bff.sim.requests()).toEqual([]);
  });

  it("answers the person the proxy names (either header convention), with the org keys upstream", async () => {
    for (const header of ["X-Auth-Request-Email", "X-Forwarded-Email"]) {
      const answer = await fromProxy("Priya.Raman@example.com", header);
      expect(answer.status, header).toBe(200);
      expect(JSON.parse(answer.body).data.key).toBe("CHK-212");
    }
    const session = await httpRequest(`${bff.url}/api/session`, {
      localAddress: "127.0.0.2",
      headers: { "X-Forwarded-Email": "guest@partner.example" },
    });
    expect(JSON.parse(session.body)).toMatchObject({
      mode: "proxy",
      user: { email: "guest@partner.example" },
    });
  });

  it("answers 401 when the proxy names no one, and 403 to someone off the allow-list", async () => {
    expect((await fromProxy()).status).toBe(401);
    expect((await httpRequest(`${bff.url}${path}`)).status).toBe(401);
    const stranger = await fromProxy("mallory@elsewhere.example");
    expect(stranger.status).toBe(403);
    expect(JSON.parse(stranger.body).error.message).toMatch(/not on casegraph's list/);
  });
});
