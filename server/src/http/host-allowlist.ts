import type { RequestHandler } from "express";
import { AppError } from "../errors";

/**
 * Only this server's own names are served. A page on another site that points a name it
 * controls at this address (DNS rebinding) sends its own name as `Host` and is refused, so a
 * copy on a laptop with real keys cannot be read by the web pages its owner visits. Health
 * probes are exempt: orchestrators call them by address, and they show nothing.
 */
export function hostAllowlist(allowed: readonly string[]): RequestHandler {
  const exact = new Set(allowed.filter((h) => !h.startsWith(".")));
  const suffixes = allowed.filter((h) => h.startsWith("."));
  const isAllowed = (host: string) =>
    exact.has(host) || suffixes.some((suffix) => host.endsWith(suffix));
  return (req, _res, next) => {
    if (req.path === "/healthz" || req.path === "/readyz") {
      next();
      return;
    }
    const raw = (req.hostname ?? "").toLowerCase();
    const host = raw.includes(":") && !raw.startsWith("[") ? `[${raw}]` : raw;
    if (!host || !isAllowed(host)) {
      throw new AppError(
        421,
        "misdirected_request",
        "This server does not answer to that host name; open it by its own address (or add the name to CASEGRAPH_ALLOWED_HOSTS).",
      );
    }
    next();
  };
}
