import { z } from "zod";
import { type AuthConfig, readAuthEnv } from "./auth/auth-config";
import {
  apiBaseUrl,
  appBaseUrl,
  DATADOG_SITES,
  type DatadogSite,
  DEFAULT_SITE,
  isDatadogSite,
} from "./datadog-sites";

export interface Config {
  mode: "live" | "demo";
  /** Present in live mode only; never logged or sent anywhere but the upstream. */
  credentials: { apiKey: string; appKey: string } | undefined;
  site: DatadogSite;
  /** Upstream base URL; in demo mode filled in once the embedded simulator listens. */
  apiUrl: string | undefined;
  appUrl: string;
  host: string;
  port: number;
  simPort: number;
  cache: {
    linksTtlMs: number;
    entitiesTtlMs: number;
    notFoundTtlMs: number;
    staleKeepMs: number;
    maxEntries: number;
    maxBytes: number;
  };
  upstream: { concurrency: number; timeoutMs: number; rateLimitWaitMaxMs: number };
  clientRateLimitPerMinute: number;
  /** Requests per minute per client to every other path (pages, static files). */
  staticRateLimitPerMinute: number;
  /** What one client may cost the upstream, and how long its work may wait. */
  limits: {
    lookupBudgetPerMinute: number;
    queueMaxPerClient: number;
    startWithinMs: number;
    refreshIntervalMs: number;
    quotaShare: number;
  };
  /** Names this server answers to (the `Host` header); anything else is refused. */
  allowedHosts: string[];
  /**
   * The address people open (an origin), for absolute links and the sign-in redirect; its host
   * is allowed. The demo with sign-in fills it in once listening if unset.
   */
  publicUrl: string | undefined;
  /** Express's `trust proxy`: whose `X-Forwarded-For` names the client. */
  trustProxy: boolean | number | string;
  corsOrigins: string[];
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  clientDir: string | undefined;
  auth: AuthConfig;
  /** Open Graph previews of `/cases/<id>` name the case even to a visitor who is not signed in. */
  publicPreviews: boolean;
  /** Signs the session cookie; random per process unless set (replicas sharing sessions set it). */
  sessionSecret: string | undefined;
  /** Said loudly at start-up: settings that work but carry a risk. */
  warnings: string[];
  /** Set: replicas share caches, coalescing, the upstream budget and limits through Redis. */
  redis: { url: string; commandTimeoutMs: number } | undefined;
  /** How long a snapshot kept in Redis can be opened. */
  snapshotTtlMs: number;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`casegraph cannot start:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

const wholeNumber = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === "") return fallback;
      const value = Number(raw);
      if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
        ctx.addIssue({
          code: "custom",
          message: `${name} must be a whole number from ${min} to ${max}, got "${raw}"`,
        });
        return z.NEVER;
      }
      return value;
    });

const httpUrl = (name: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === "") return undefined;
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        ctx.addIssue({ code: "custom", message: `${name} must be an http(s) URL, got "${raw}"` });
        return z.NEVER;
      }
      if (url.protocol !== "http:" && url.protocol !== "https:") {
        ctx.addIssue({ code: "custom", message: `${name} must be an http(s) URL, got "${raw}"` });
        return z.NEVER;
      }
      if (url.username || url.password || url.search || url.hash) {
        ctx.addIssue({
          code: "custom",
          message: `${name} must be a plain base URL without credentials, query or fragment`,
        });
        return z.NEVER;
      }
      return url.href.replace(/\/+$/, "");
    });

const redisUrl = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined || raw.trim() === "") return undefined;
    let url: URL | undefined;
    try {
      url = new URL(raw.trim());
    } catch {
      url = undefined;
    }
    // The URL may carry a password: never repeat it in the message.
    if (!url || (url.protocol !== "redis:" && url.protocol !== "rediss:") || !url.hostname) {
      ctx.addIssue({
        code: "custom",
        message:
          "REDIS_URL must be a redis:// or rediss:// URL with a host, like redis://127.0.0.1:6379",
      });
      return z.NEVER;
    }
    const db = url.pathname.replace(/^\//, "");
    if (db !== "" && !/^\d{1,2}$/.test(db)) {
      ctx.addIssue({
        code: "custom",
        message: "REDIS_URL's path must be a database number (redis://host:6379/0) or nothing",
      });
      return z.NEVER;
    }
    return raw.trim();
  });
/** A host name, IPv4 address or bracketed IPv6 address; a leading dot allows subdomains. */
const HOST_NAME =
  /^(\.?[a-z0-9]([a-z0-9-]{0,62})?(\.[a-z0-9]([a-z0-9-]{0,62})?)*|\[[0-9a-f:.]+\])$/;

/** Express's `trust proxy` values: true/false, a hop count, or addresses, subnets and names. */
function parseTrustProxy(raw: string | undefined, problems: string[]): boolean | number | string {
  const value = raw?.trim() ?? "";
  if (value === "" || value === "false") return false;
  if (value === "true") return true;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const parts = value.split(",").map((p) => p.trim());
  const named = ["loopback", "linklocal", "uniquelocal"];
  const ok = parts.every((p) => named.includes(p) || /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(p));
  if (!ok) {
    problems.push(
      `CASEGRAPH_TRUST_PROXY must be true, false, a hop count, or comma-separated addresses, subnets or loopback/linklocal/uniquelocal, got "${value.slice(0, 80)}"`,
    );
  }
  return parts.join(",");
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const envSchema = z.object({
  DD_API_KEY: z.string().optional(),
  DD_APP_KEY: z.string().optional(),
  DD_SITE: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === "" || isDatadogSite(v), {
      message: `DD_SITE must be one of ${DATADOG_SITES.join(", ")}`,
    }),
  DD_API_URL: httpUrl("DD_API_URL"),
  DD_APP_URL: httpUrl("DD_APP_URL"),
  CASEGRAPH_PUBLIC_URL: httpUrl("CASEGRAPH_PUBLIC_URL").refine(
    (v) => v === undefined || new URL(v).pathname === "/",
    {
      message:
        "CASEGRAPH_PUBLIC_URL must be an origin like https://casegraph.example.com, without a path",
    },
  ),
  CASEGRAPH_PUBLIC_PREVIEWS: z
    .string()
    .optional()
    .refine((v) => v === undefined || ["", "true", "false"].includes(v.trim()), {
      message: "CASEGRAPH_PUBLIC_PREVIEWS must be true or false",
    }),
  CASEGRAPH_SESSION_SECRET: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === "" || v.length >= 32, {
      message: "CASEGRAPH_SESSION_SECRET must be at least 32 characters",
    }),
  HOST: z.string().optional(),
  PORT: wholeNumber("PORT", 0, 65535, 8080),
  CASEGRAPH_SIM_PORT: wholeNumber("CASEGRAPH_SIM_PORT", 0, 65535, 0),
  CASEGRAPH_LINKS_TTL_S: wholeNumber("CASEGRAPH_LINKS_TTL_S", 0, 86_400, 60),
  CASEGRAPH_ENTITIES_TTL_S: wholeNumber("CASEGRAPH_ENTITIES_TTL_S", 0, 86_400, 300),
  CASEGRAPH_CACHE_MAX_ENTRIES: wholeNumber("CASEGRAPH_CACHE_MAX_ENTRIES", 1, 1_000_000, 50_000),
  CASEGRAPH_CACHE_MAX_MB: wholeNumber("CASEGRAPH_CACHE_MAX_MB", 1, 4_096, 256),
  CASEGRAPH_UPSTREAM_CONCURRENCY: wholeNumber("CASEGRAPH_UPSTREAM_CONCURRENCY", 1, 1_024, 256),
  CASEGRAPH_UPSTREAM_TIMEOUT_MS: wholeNumber("CASEGRAPH_UPSTREAM_TIMEOUT_MS", 100, 120_000, 10_000),
  CASEGRAPH_RATE_LIMIT_WAIT_MAX_S: wholeNumber("CASEGRAPH_RATE_LIMIT_WAIT_MAX_S", 0, 60, 5),
  CASEGRAPH_CLIENT_RATE_LIMIT: wholeNumber("CASEGRAPH_CLIENT_RATE_LIMIT", 1, 1_000_000, 6_000),
  CASEGRAPH_STATIC_RATE_LIMIT: wholeNumber("CASEGRAPH_STATIC_RATE_LIMIT", 1, 1_000_000, 30_000),
  CASEGRAPH_CLIENT_LOOKUP_BUDGET: wholeNumber(
    "CASEGRAPH_CLIENT_LOOKUP_BUDGET",
    1,
    10_000_000,
    12_000,
  ),
  CASEGRAPH_CLIENT_QUEUE_MAX: wholeNumber("CASEGRAPH_CLIENT_QUEUE_MAX", 1, 1_000_000, 10_000),
  CASEGRAPH_QUEUE_WAIT_MAX_MS: wholeNumber("CASEGRAPH_QUEUE_WAIT_MAX_MS", 10, 120_000, 5_000),
  CASEGRAPH_REFRESH_INTERVAL_S: wholeNumber("CASEGRAPH_REFRESH_INTERVAL_S", 0, 3_600, 10),
  CASEGRAPH_CLIENT_QUOTA_SHARE: wholeNumber("CASEGRAPH_CLIENT_QUOTA_SHARE", 1, 100, 50),
  CASEGRAPH_NOT_FOUND_TTL_S: wholeNumber("CASEGRAPH_NOT_FOUND_TTL_S", 0, 3_600, 10),
  CASEGRAPH_STALE_KEEP_S: wholeNumber("CASEGRAPH_STALE_KEEP_S", 0, 86_400, 3_600),
  CASEGRAPH_ALLOWED_HOSTS: z.string().optional(),
  CASEGRAPH_TRUST_PROXY: z.string().optional(),
  CASEGRAPH_CORS_ORIGINS: z.string().optional(),
  CASEGRAPH_CLIENT_DIR: z.string().optional(),
  REDIS_URL: redisUrl,
  CASEGRAPH_REDIS_TIMEOUT_MS: wholeNumber("CASEGRAPH_REDIS_TIMEOUT_MS", 1, 5_000, 250),
  CASEGRAPH_SNAPSHOT_TTL_DAYS: wholeNumber("CASEGRAPH_SNAPSHOT_TTL_DAYS", 1, 365, 30),
  LOG_LEVEL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === "" || (LOG_LEVELS as readonly string[]).includes(v), {
      message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}`,
    }),
});

/** Reads and checks the environment once, at start-up; nothing reads process.env after. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(env);
  const problems: string[] = parsed.success ? [] : parsed.error.issues.map((i) => i.message);

  const apiKey = env.DD_API_KEY?.trim() || undefined;
  const appKey = env.DD_APP_KEY?.trim() || undefined;
  for (const [name, key] of [
    ["DD_API_KEY", apiKey],
    ["DD_APP_KEY", appKey],
  ] as const) {
    // A key goes into an HTTP header; anything else would make every call fail (and echo it).
    if (key && !/^[\x21-\x7e]+$/.test(key)) {
      problems.push(
        `${name} must be printable ASCII without spaces (check for a stray newline or quote)`,
      );
    }
  }
  const oauthClient = Boolean(env.DD_OAUTH_CLIENT_ID?.trim() || env.DD_OAUTH_CLIENT_SECRET?.trim());
  const signInWithDatadog = env.CASEGRAPH_AUTH?.trim().toLowerCase() === "datadog";
  if (
    (env.DD_API_URL?.trim() || env.DD_APP_URL?.trim()) &&
    !apiKey &&
    !appKey &&
    !signInWithDatadog
  ) {
    problems.push(
      `${env.DD_API_URL?.trim() ? "DD_API_URL" : "DD_APP_URL"} is set but DD_API_KEY and DD_APP_KEY are not: set both keys (any values for the simulator) for live mode, or CASEGRAPH_AUTH=datadog to read as each person`,
    );
  }
  if (apiKey && !appKey)
    problems.push("DD_APP_KEY is missing: set both keys for live mode, or neither for demo mode");
  if (appKey && !apiKey)
    problems.push("DD_API_KEY is missing: set both keys for live mode, or neither for demo mode");

  const corsOrigins = (env.CASEGRAPH_CORS_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      problems.push(
        `CASEGRAPH_CORS_ORIGINS must list origins like https://example.com, got "${origin}"`,
      );
    }
  }

  const extraHosts = (env.CASEGRAPH_ALLOWED_HOSTS ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  for (const host of extraHosts) {
    if (!HOST_NAME.test(host)) {
      problems.push(
        `CASEGRAPH_ALLOWED_HOSTS must list host names like casegraph.example.com (no scheme or port; a leading dot allows subdomains), got "${host}"`,
      );
    }
  }
  const trustProxy = parseTrustProxy(env.CASEGRAPH_TRUST_PROXY, problems);
  const keysLive = Boolean(apiKey && appKey);
  const urlOverride = Boolean(env.DD_API_URL?.trim() || env.DD_APP_URL?.trim());
  const publicUrl = parsed.success ? parsed.data.CASEGRAPH_PUBLIC_URL : undefined;
  const authEnv = readAuthEnv(env, {
    live: keysLive || (signInWithDatadog && (oauthClient || urlOverride)),
    host: env.HOST?.trim() || "127.0.0.1",
    // A malformed one has its own sentence; "missing" would mislead.
    publicUrl: publicUrl ?? (env.CASEGRAPH_PUBLIC_URL?.trim() || undefined),
    trustProxy,
  });
  problems.push(...authEnv.problems);
  if (
    authEnv.auth.mode === "datadog" &&
    authEnv.wantsLive &&
    !keysLive &&
    env.CASEGRAPH_PUBLIC_PREVIEWS?.trim() === "true"
  ) {
    problems.push(
      "CASEGRAPH_PUBLIC_PREVIEWS=true needs DD_API_KEY and DD_APP_KEY with CASEGRAPH_AUTH=datadog: a chat preview is read with the org's keys, since no one is signed in",
    );
  }

  if (signInWithDatadog && env.REDIS_URL?.trim() && !env.CASEGRAPH_SESSION_SECRET?.trim()) {
    problems.push(
      "CASEGRAPH_SESSION_SECRET is missing: with CASEGRAPH_AUTH=datadog and REDIS_URL, replicas share sign-ins and must sign their cookies with the same secret (32 characters or more)",
    );
  }

  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const live = keysLive || authEnv.wantsLive;
  const site = e.DD_SITE && isDatadogSite(e.DD_SITE) ? e.DD_SITE : DEFAULT_SITE;

  const host = e.HOST?.trim() || "127.0.0.1";
  const publicHost = e.CASEGRAPH_PUBLIC_URL
    ? new URL(e.CASEGRAPH_PUBLIC_URL).hostname.toLowerCase()
    : undefined;
  const allowedHosts = [
    ...new Set(
      [host.toLowerCase(), "localhost", "127.0.0.1", "[::1]", publicHost, ...extraHosts].filter(
        (h): h is string => Boolean(h) && h !== "0.0.0.0" && h !== "::",
      ),
    ),
  ];

  return {
    mode: live ? "live" : "demo",
    credentials: live && apiKey && appKey ? { apiKey, appKey } : undefined,
    site,
    apiUrl: live ? (e.DD_API_URL ?? apiBaseUrl(site)) : undefined,
    appUrl: e.DD_APP_URL ?? appBaseUrl(site),
    host,
    port: e.PORT,
    simPort: e.CASEGRAPH_SIM_PORT,
    cache: {
      linksTtlMs: e.CASEGRAPH_LINKS_TTL_S * 1000,
      entitiesTtlMs: e.CASEGRAPH_ENTITIES_TTL_S * 1000,
      notFoundTtlMs: e.CASEGRAPH_NOT_FOUND_TTL_S * 1000,
      staleKeepMs: e.CASEGRAPH_STALE_KEEP_S * 1000,
      maxEntries: e.CASEGRAPH_CACHE_MAX_ENTRIES,
      maxBytes: e.CASEGRAPH_CACHE_MAX_MB * 1024 * 1024,
    },
    upstream: {
      concurrency: e.CASEGRAPH_UPSTREAM_CONCURRENCY,
      timeoutMs: e.CASEGRAPH_UPSTREAM_TIMEOUT_MS,
      rateLimitWaitMaxMs: e.CASEGRAPH_RATE_LIMIT_WAIT_MAX_S * 1000,
    },
    clientRateLimitPerMinute: e.CASEGRAPH_CLIENT_RATE_LIMIT,
    staticRateLimitPerMinute: e.CASEGRAPH_STATIC_RATE_LIMIT,
    limits: {
      lookupBudgetPerMinute: e.CASEGRAPH_CLIENT_LOOKUP_BUDGET,
      queueMaxPerClient: e.CASEGRAPH_CLIENT_QUEUE_MAX,
      startWithinMs: e.CASEGRAPH_QUEUE_WAIT_MAX_MS,
      refreshIntervalMs: e.CASEGRAPH_REFRESH_INTERVAL_S * 1000,
      quotaShare: e.CASEGRAPH_CLIENT_QUOTA_SHARE / 100,
    },
    allowedHosts,
    publicUrl: e.CASEGRAPH_PUBLIC_URL,
    trustProxy,
    corsOrigins,
    logLevel: (e.LOG_LEVEL || "info") as Config["logLevel"],
    clientDir: e.CASEGRAPH_CLIENT_DIR?.trim() || undefined,
    auth: authEnv.auth,
    publicPreviews: e.CASEGRAPH_PUBLIC_PREVIEWS?.trim() === "true",
    sessionSecret: e.CASEGRAPH_SESSION_SECRET || undefined,
    warnings: authEnv.warnings,
    redis: e.REDIS_URL
      ? { url: e.REDIS_URL, commandTimeoutMs: e.CASEGRAPH_REDIS_TIMEOUT_MS }
      : undefined,
    snapshotTtlMs: e.CASEGRAPH_SNAPSHOT_TTL_DAYS * 24 * 60 * 60 * 1000,
  };
}
