import type { IncomingMessage } from "node:http";
import type { RequestHandler } from "express";
import { AppError } from "../errors";
import type { AuthConfig } from "./auth-config";
import type { Principal } from "./principal";

type ProxyAuth = Extract<AuthConfig, { mode: "proxy" }>;

/**
 * Behind an authenticating proxy (oauth2-proxy and the like): the person is the email in its
 * identity header, believed only when the connection comes from a configured proxy address.
 */
export function proxyIdentity(
  auth: ProxyAuth,
  isTrustedProxy: (address: string) => boolean,
): RequestHandler {
  return (req, _res, next) => {
    const named = identityOf(req, auth.identityHeaders);
    if (named === undefined) return next();
    const peer = req.socket.remoteAddress ?? "";
    if (!isTrustedProxy(peer)) {
      throw new AppError(
        403,
        "forbidden",
        "Identity headers are accepted only from the configured proxy (CASEGRAPH_TRUST_PROXY); this connection is not from it.",
      );
    }
    const email = named.toLowerCase();
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
      throw new AppError(403, "forbidden", "The proxy's identity header does not hold an email.");
    }
    if (
      auth.allow &&
      !auth.allow.emails.has(email) &&
      !auth.allow.domains.has(email.split("@")[1] ?? "")
    ) {
      throw new AppError(
        403,
        "forbidden",
        `${email} is not on casegraph's list of allowed people.`,
      );
    }
    const principal: Principal = { id: email, email, mode: "proxy" };
    req.principal = principal;
    next();
  };
}

function identityOf(req: IncomingMessage, headers: string[]): string | undefined {
  for (const name of headers) {
    const value = req.headers[name];
    const single = Array.isArray(value) ? value[0] : value;
    if (single?.trim()) return single.trim();
  }
  return undefined;
}
