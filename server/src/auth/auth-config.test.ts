import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../config";

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

const LIVE = { DD_API_KEY: "a", DD_APP_KEY: "b" };
const DATADOG = {
  CASEGRAPH_AUTH: "datadog",
  DD_OAUTH_CLIENT_ID: "client",
  DD_OAUTH_CLIENT_SECRET: "secret",
  CASEGRAPH_PUBLIC_URL: "https://casegraph.example.com",
};

describe("access configuration", () => {
  it("refuses an unknown mode, listing the three", () => {
    expect(problemsOf({ CASEGRAPH_AUTH: "ldap" })).toEqual([
      'CASEGRAPH_AUTH must be one of none, datadog, proxy, got "ldap"',
    ]);
  });

  it("refuses sign-in with Datadog missing each of its companions, naming it", () => {
    for (const missing of [
      "DD_OAUTH_CLIENT_ID",
      "DD_OAUTH_CLIENT_SECRET",
      "CASEGRAPH_PUBLIC_URL",
    ]) {
      const problems = problemsOf({ ...DATADOG, [missing]: "" });
      expect(problems, missing).toHaveLength(1);
      expect(problems[0], missing).toMatch(new RegExp(`^${missing} is missing: `));
    }
    expect(
      problemsOf({ ...DATADOG, CASEGRAPH_PUBLIC_URL: "https://casegraph.example.com/app" }),
    ).toEqual([
      "CASEGRAPH_PUBLIC_URL must be an origin like https://casegraph.example.com, without a path",
    ]);
    expect(problemsOf({ ...DATADOG, CASEGRAPH_PUBLIC_PREVIEWS: "true" })[0]).toMatch(
      /^CASEGRAPH_PUBLIC_PREVIEWS=true needs DD_API_KEY and DD_APP_KEY/,
    );
    expect(problemsOf({ DD_OAUTH_CLIENT_ID: "client" })[0]).toMatch(
      /CASEGRAPH_AUTH is not datadog/,
    );
  });

  it("signs in with Datadog without org keys, against the site or the DD_API_URL/DD_APP_URL overrides", () => {
    const config = loadConfig({ ...DATADOG, DD_SITE: "datadoghq.eu" });
    expect(config).toMatchObject({
      mode: "live",
      credentials: undefined,
      apiUrl: "https://api.datadoghq.eu",
    });
    expect(config.auth).toMatchObject({ mode: "datadog", clientId: "client" });
    const overridden = loadConfig({
      ...DATADOG,
      DD_API_URL: "http://127.0.0.1:8181",
      DD_APP_URL: "http://127.0.0.1:8181",
    });
    expect(overridden).toMatchObject({
      apiUrl: "http://127.0.0.1:8181",
      appUrl: "http://127.0.0.1:8181",
    });
    // Alone, it is the demo with sign-in through the embedded simulator.
    expect(loadConfig({ CASEGRAPH_AUTH: "datadog" })).toMatchObject({
      mode: "demo",
      auth: { mode: "datadog" },
    });
  });

  it("refuses proxy mode without trusted proxy addresses, and bad addresses, headers and allow-list entries", () => {
    expect(problemsOf({ ...LIVE, CASEGRAPH_AUTH: "proxy" })).toEqual([
      expect.stringMatching(/^CASEGRAPH_TRUST_PROXY is missing: /),
    ]);
    expect(
      problemsOf({
        ...LIVE,
        CASEGRAPH_AUTH: "proxy",
        CASEGRAPH_TRUST_PROXY: "10.0.0.0/8,proxy.internal",
        CASEGRAPH_PROXY_IDENTITY_HEADER: "X Email",
        CASEGRAPH_PROXY_ALLOW: "@example.com,not-an-email",
      }),
    ).toEqual([
      expect.stringMatching(/^CASEGRAPH_TRUST_PROXY must be .*"10.0.0.0\/8,proxy.internal"/),
      expect.stringMatching(/^CASEGRAPH_PROXY_IDENTITY_HEADER must list header names/),
      expect.stringMatching(/^CASEGRAPH_PROXY_ALLOW must list emails .*"not-an-email"/),
    ]);
    expect(problemsOf({ ...LIVE, CASEGRAPH_AUTH: "proxy", CASEGRAPH_TRUST_PROXY: "true" })).toEqual(
      [
        expect.stringMatching(
          /^CASEGRAPH_TRUST_PROXY must list the proxy's addresses .* not true or a hop count/,
        ),
      ],
    );
    const ok = loadConfig({
      ...LIVE,
      CASEGRAPH_AUTH: "proxy",
      CASEGRAPH_TRUST_PROXY: "10.0.0.0/8,loopback",
    });
    expect(ok.auth).toMatchObject({
      mode: "proxy",
      identityHeaders: ["x-auth-request-email", "x-forwarded-email"],
    });
  });

  it("keeps org keys open to anyone only on loopback, or when CASEGRAPH_AUTH=none says so, with a loud warning", () => {
    expect(loadConfig({ ...LIVE }).warnings).toEqual([]);
    expect(problemsOf({ ...LIVE, HOST: "0.0.0.0" })[0]).toMatch(
      /^CASEGRAPH_AUTH is not set while HOST=0.0.0.0 is reachable from other machines: anyone who reaches it would read every case/,
    );
    const open = loadConfig({ ...LIVE, HOST: "0.0.0.0", CASEGRAPH_AUTH: "none" });
    expect(open.warnings).toEqual([
      expect.stringMatching(/ANYONE WHO CAN REACH THIS SERVER READS EVERY CASE/),
    ]);
    // The demo holds no real data: no warning.
    expect(loadConfig({ HOST: "0.0.0.0" }).warnings).toEqual([]);
  });

  it("refuses sign-in shared through Redis without the replicas' common session secret, naming it", () => {
    const shared = { ...DATADOG, REDIS_URL: "redis://127.0.0.1:6379" };
    expect(problemsOf(shared)).toEqual([
      expect.stringContaining("CASEGRAPH_SESSION_SECRET is missing"),
    ]);
    expect(problemsOf({ ...shared, CASEGRAPH_SESSION_SECRET: "s".repeat(32) })).toEqual([]);
    // One process keeps its sessions to itself: a secret of its own is enough.
    expect(problemsOf(DATADOG)).toEqual([]);
  });
});
