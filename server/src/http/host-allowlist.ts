import type { RequestHandler } from "express";
import { AppError } from "../errors";

/**
 * Only this server's own names are served. A page on another site that points a name it
 * controls at this address (DNS rebinding) sends its own name as `Host` and is refused, so a
 * copy on a laptop with real keys cannot be read by the web pages its owner visits. Health
 * probes are exempt: orchestrators call them by address, and they show nothing.
 */
export function hostAllowlist(allowed: readonly string[]): RequestHandler {
  const isAllowed = isAllowedHost(allowed);
  return (req, _res, next) => {
    if (req.path === "/healthz" || req.path === "/readyz") {
      next();
      return;
    }
    if (!isAllowed(req.hostname)) {
      throw new AppError(
        421,
        "misdirected_request",
        "This server does not answer to that host name; open it by its own address (or add the name to CASEGRAPH_ALLOWED_HOSTS).",
      );
    }
    next();
  };
}

/** Whether a host name (as Express's `req.hostname`, or a raw `Host` header) is one of ours. */
export function isAllowedHost(allowed: readonly string[]): (host: string | undefined) => boolean {
  const exact = new Set(allowed.filter((h) => !h.startsWith(".")));
  const suffixes = allowed.filter((h) => h.startsWith("."));
  return (raw) => {
    let host = (raw ?? "").trim().toLowerCase();
    // A raw header carries the port: `name:8080`, `[::1]:8080`.
    if (host.startsWith("[")) host = host.slice(0, host.indexOf("]") + 1);
    else if (host.split(":").length === 2) host = host.split(":")[0] ?? "";
    else if (host.includes(":")) host = `[${host}]`;
    return host !== "" && (exact.has(host) || suffixes.some((suffix) => host.endsWith(suffix)));
  };
}
