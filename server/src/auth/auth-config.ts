import { isIP } from "node:net";
import { SIM_DEMO_OAUTH_CLIENT } from "../simulator/start-simulator";

/** Who a request is, and how casegraph reads Datadog for them. */
export type AuthMode = "none" | "datadog" | "proxy";
export const AUTH_MODES: readonly AuthMode[] = ["none", "datadog", "proxy"];

/** The scopes casegraph asks a person to grant: read cases and read incidents, nothing else. */
export const OAUTH_SCOPES = ["cases_read", "incident_read"] as const;

export const DEFAULT_IDENTITY_HEADERS = ["x-auth-request-email", "x-forwarded-email"];

export type AuthConfig =
  | { mode: "none" }
  | {
      mode: "datadog";
      clientId: string;
      /** Never logged or sent anywhere but the token and revocation endpoints. */
      clientSecret: string;
    }
  | {
      mode: "proxy";
      /** Lower-case header names; the first one present names the person. */
      identityHeaders: string[];
      /** Emails and `@domain` entries; undefined lets every authenticated person in. */
      allow: { emails: Set<string>; domains: Set<string> } | undefined;
    };

export interface AuthEnvResult {
  auth: AuthConfig;
  /** Whether the auth settings alone ask for live mode (an OAuth client names a real org). */
  wantsLive: boolean;
  problems: string[];
  warnings: string[];
}

const isLoopback = (host: string) =>
  host === "localhost" || host === "::1" || (isIP(host) === 4 && host.startsWith("127."));

/**
 * Reads CASEGRAPH_AUTH and its companions. Each problem is one sentence naming the variable
 * and what to do, so a half-configured server never starts open.
 */
export function readAuthEnv(
  env: NodeJS.ProcessEnv,
  context: {
    live: boolean;
    host: string;
    publicUrl: string | undefined;
    /** As Express's `trust proxy`: addresses (a string), or true / a hop count. */
    trustProxy: boolean | number | string;
  },
): AuthEnvResult {
  const problems: string[] = [];
  const warnings: string[] = [];
  const raw = env.CASEGRAPH_AUTH?.trim().toLowerCase() || undefined;
  const clientId = env.DD_OAUTH_CLIENT_ID?.trim() || undefined;
  const clientSecret = env.DD_OAUTH_CLIENT_SECRET?.trim() || undefined;

  if (raw !== undefined && !(AUTH_MODES as readonly string[]).includes(raw)) {
    problems.push(`CASEGRAPH_AUTH must be one of ${AUTH_MODES.join(", ")}, got "${raw}"`);
    return { auth: { mode: "none" }, wantsLive: false, problems, warnings };
  }
  const mode = (raw ?? "none") as AuthMode;

  if (mode !== "datadog" && (clientId || clientSecret)) {
    problems.push(
      "DD_OAUTH_CLIENT_ID/DD_OAUTH_CLIENT_SECRET are set but CASEGRAPH_AUTH is not datadog: set CASEGRAPH_AUTH=datadog to sign people in with Datadog",
    );
  }

  if (mode === "datadog") {
    const live = context.live || Boolean(clientId || clientSecret);
    if (!live) {
      // The embedded simulator plays Datadog's sign-in too; its demo client is built in.
      return {
        auth: {
          mode,
          clientId: SIM_DEMO_OAUTH_CLIENT.clientId,
          clientSecret: SIM_DEMO_OAUTH_CLIENT.clientSecret,
        },
        wantsLive: false,
        problems,
        warnings,
      };
    }
    if (!clientId)
      problems.push(
        "DD_OAUTH_CLIENT_ID is missing: CASEGRAPH_AUTH=datadog needs the id of the OAuth client registered in Datadog",
      );
    if (!clientSecret)
      problems.push(
        "DD_OAUTH_CLIENT_SECRET is missing: CASEGRAPH_AUTH=datadog needs the secret of the OAuth client registered in Datadog",
      );
    if (clientSecret && !/^[\x21-\x7e]+$/.test(clientSecret))
      problems.push(
        "DD_OAUTH_CLIENT_SECRET must be printable ASCII without spaces (check for a stray newline or quote)",
      );
    if (!context.publicUrl)
      problems.push(
        "CASEGRAPH_PUBLIC_URL is missing: CASEGRAPH_AUTH=datadog needs the address people open casegraph at, for the sign-in redirect (<public url>/auth/callback)",
      );
    return {
      auth: { mode, clientId: clientId ?? "", clientSecret: clientSecret ?? "" },
      wantsLive: true,
      problems,
      warnings,
    };
  }

  if (mode === "proxy") {
    if (context.trustProxy === false)
      problems.push(
        "CASEGRAPH_TRUST_PROXY is missing: CASEGRAPH_AUTH=proxy trusts the identity header only from the proxy's addresses, so list them",
      );
    else if (typeof context.trustProxy !== "string")
      problems.push(
        "CASEGRAPH_TRUST_PROXY must list the proxy's addresses with CASEGRAPH_AUTH=proxy, not true or a hop count: anyone else could name themselves in the identity header",
      );
    const headers = (env.CASEGRAPH_PROXY_IDENTITY_HEADER ?? "")
      .split(",")
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean);
    for (const header of headers) {
      if (!/^[a-z0-9-]{1,64}$/.test(header))
        problems.push(
          `CASEGRAPH_PROXY_IDENTITY_HEADER must list header names like X-Auth-Request-Email, got "${header}"`,
        );
    }
    const entries = (env.CASEGRAPH_PROXY_ALLOW ?? "")
      .split(",")
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean);
    const emails = new Set<string>();
    const domains = new Set<string>();
    for (const entry of entries) {
      if (/^@[a-z0-9.-]+\.[a-z]{2,}$/.test(entry)) domains.add(entry.slice(1));
      else if (/^[^\s@]+@[a-z0-9.-]+\.[a-z]{2,}$/.test(entry)) emails.add(entry);
      else
        problems.push(
          `CASEGRAPH_PROXY_ALLOW must list emails (ana@example.com) or domains (@example.com), got "${entry}"`,
        );
    }
    return {
      auth: {
        mode,
        identityHeaders: headers.length > 0 ? headers : DEFAULT_IDENTITY_HEADERS,
        allow: entries.length > 0 ? { emails, domains } : undefined,
      },
      wantsLive: false,
      problems,
      warnings,
    };
  }

  // none: the org's keys answer whoever reaches the server.
  if (context.live && !isLoopback(context.host)) {
    if (raw === undefined) {
      problems.push(
        `CASEGRAPH_AUTH is not set while HOST=${context.host} is reachable from other machines: anyone who reaches it would read every case with the org's keys. Set CASEGRAPH_AUTH=datadog or proxy, or CASEGRAPH_AUTH=none to accept that`,
      );
    } else {
      warnings.push(
        `CASEGRAPH_AUTH=none on HOST=${context.host}: ANYONE WHO CAN REACH THIS SERVER READS EVERY CASE OF THE ORG with its API keys. Use CASEGRAPH_AUTH=datadog or proxy unless a firewall already limits who reaches it.`,
      );
    }
  }
  return { auth: { mode: "none" }, wantsLive: false, problems, warnings };
}
