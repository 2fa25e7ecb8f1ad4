import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("loadConfig", () => {
  it("starts in demo mode on 127.0.0.1:8080 when no keys are set", () => {
    const config = loadConfig({});
    expect(config.mode).toBe("demo");
    expect(config.credentials).toBeUndefined();
    expect(config.host).toBe("127.0.0.1");
    expect(config.port).toBe(8080);
    expect(config.site).toBe("datadoghq.com");
    expect(config.appUrl).toBe("https://app.datadoghq.com");
    expect(config.upstream.concurrency).toBeGreaterThanOrEqual(32);
    expect(config.upstream.timeoutMs).toBeLessThanOrEqual(10_000);
  });

  it("goes live with both keys, against the site's API unless DD_API_URL overrides it", () => {
    const live = loadConfig({ DD_API_KEY: "a", DD_APP_KEY: "b", DD_SITE: "datadoghq.eu" });
    expect(live.mode).toBe("live");
    expect(live.apiUrl).toBe("https://api.datadoghq.eu");
    expect(live.appUrl).toBe("https://app.datadoghq.eu");
    const proxied = loadConfig({
      DD_API_KEY: "a",
      DD_APP_KEY: "b",
      DD_API_URL: "http://127.0.0.1:8181/",
    });
    expect(proxied.apiUrl).toBe("http://127.0.0.1:8181");
  });

  it("uses the regional host as the web app of a regional site", () => {
    expect(loadConfig({ DD_SITE: "us3.datadoghq.com" }).appUrl).toBe("https://us3.datadoghq.com");
  });

  it("refuses one key without the other, naming the missing one", () => {
    expect(problemsOf({ DD_API_KEY: "a" })).toEqual([
      expect.stringContaining("DD_APP_KEY is missing"),
    ]);
    expect(problemsOf({ DD_APP_KEY: "b" })).toEqual([
      expect.stringContaining("DD_API_KEY is missing"),
    ]);
  });

  it("refuses an unknown site and lists the valid ones", () => {
    const [problem] = problemsOf({ DD_SITE: "datadoghq.org" });
    expect(problem).toContain("DD_SITE must be one of");
    expect(problem).toContain("us5.datadoghq.com");
    expect(problem).toContain("ddog-gov.com");
  });

  it.each([
    ["PORT", "eighty", "PORT must be a whole number"],
    ["PORT", "70000", "PORT must be a whole number from 0 to 65535"],
    ["CASEGRAPH_UPSTREAM_TIMEOUT_MS", "-5", "CASEGRAPH_UPSTREAM_TIMEOUT_MS"],
    ["CASEGRAPH_UPSTREAM_CONCURRENCY", "0", "CASEGRAPH_UPSTREAM_CONCURRENCY"],
    ["DD_API_URL", "ftp://example.com", "DD_API_URL must be an http(s) URL"],
    ["DD_API_URL", "http://user:pw@example.com", "without credentials"],
    ["LOG_LEVEL", "loud", "LOG_LEVEL must be one of"],
    ["CASEGRAPH_CORS_ORIGINS", "not a url", "CASEGRAPH_CORS_ORIGINS"],
  ])("refuses %s=%s with a sentence naming it", (name, value, expected) => {
    expect(problemsOf({ [name]: value }).join("\n")).toContain(expected);
  });

  it("refuses a key that could not travel in a header, without quoting it", () => {
    const problems = problemsOf({ DD_API_KEY: "abc\ndef", DD_APP_KEY: "ok" }).join("\n");
    expect(problems).toContain("DD_API_KEY must be printable ASCII");
    expect(problems).not.toContain("abc");
  });

  it("refuses DD_API_URL without keys instead of quietly starting the demo", () => {
    expect(problemsOf({ DD_API_URL: "http://127.0.0.1:8181" }).join("\n")).toContain(
      "DD_API_URL is set but DD_API_KEY and DD_APP_KEY are not",
    );
  });

  it("reports every problem at once, not just the first", () => {
    const problems = problemsOf({ PORT: "x", DD_SITE: "nowhere", DD_API_KEY: "a" });
    expect(problems).toHaveLength(3);
  });

  it("never puts a key into its error message", () => {
    try {
      loadConfig({ DD_API_KEY: "secret-api-key-123", PORT: "bad" });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain("secret-api-key-123");
    }
  });

  it("keeps snapshots 30 days unless told, and refuses a lifetime out of range", () => {
    const day = 24 * 60 * 60 * 1000;
    expect(loadConfig({}).snapshotTtlMs).toBe(30 * day);
    expect(loadConfig({ CASEGRAPH_SNAPSHOT_TTL_DAYS: "90" }).snapshotTtlMs).toBe(90 * day);
    for (const value of ["0", "366", "1.5", "forever"]) {
      expect(problemsOf({ CASEGRAPH_SNAPSHOT_TTL_DAYS: value })).toEqual([
        expect.stringContaining("CASEGRAPH_SNAPSHOT_TTL_DAYS"),
      ]);
    }
  });

  it("shares through Redis only when REDIS_URL is set, and refuses a URL that is not Redis's", () => {
    expect(loadConfig({}).redis).toBeUndefined();
    expect(loadConfig({ REDIS_URL: "redis://127.0.0.1:6379/0" }).redis).toEqual({
      url: "redis://127.0.0.1:6379/0",
      commandTimeoutMs: 250,
    });
    expect(problemsOf({ REDIS_URL: "http://cache:6379" })).toEqual([
      expect.stringContaining("REDIS_URL must be a redis:// or rediss:// URL"),
    ]);
    expect(problemsOf({ REDIS_URL: "redis://h:6379/sessions" })).toEqual([
      expect.stringContaining("database number"),
    ]);
    const secret = problemsOf({ REDIS_URL: "rediss//:hunter2-pass@cache" });
    expect(secret.join(" ")).not.toContain("hunter2-pass");
    expect(problemsOf({ REDIS_URL: "redis://h", CASEGRAPH_REDIS_TIMEOUT_MS: "0" })).toEqual([
      expect.stringContaining("CASEGRAPH_REDIS_TIMEOUT_MS must be a whole number from 1"),
    ]);
  });
});
