import type { RequestHandler } from "express";
import helmet from "helmet";
import { EARLY_LOOKUP_SOCKET_CSP_SOURCE } from "./early-lookup-socket";

/**
 * Only the app's own scripts, styles and workers; of inline scripts, only the one a case page
 * opens its lookup socket with (by its hash), nothing else inline that could run.
 */
export const securityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: true,
    directives: {
      "default-src": ["'self'"],
      "script-src": ["'self'", EARLY_LOOKUP_SOCKET_CSP_SOURCE],
      "worker-src": ["'self'", "blob:"],
      // cytoscape and React set element styles at run time.
      "style-src": ["'self'", "'unsafe-inline'"],
      "img-src": ["'self'", "data:", "blob:"],
      "connect-src": ["'self'"],
      "frame-ancestors": ["'none'"],
      "upgrade-insecure-requests": null,
    },
  },
  referrerPolicy: { policy: "strict-origin-when-cross-origin" },
  frameguard: { action: "deny" },
  crossOriginEmbedderPolicy: false,
  // Sent only over HTTPS (below): over plain HTTP it is meaningless and can lock a host out.
  strictTransportSecurity: false,
});

/** HSTS on answers that travelled over HTTPS (directly, or from a trusted proxy that says so). */
export const strictTransportSecurity: RequestHandler = (req, res, next) => {
  if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  next();
};
