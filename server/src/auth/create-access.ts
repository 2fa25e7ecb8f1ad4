import { randomBytes } from "node:crypto";
import { type IncomingMessage, ServerResponse } from "node:http";
import express, { type RequestHandler, Router } from "express";
import session from "express-session";
import { z } from "zod";
import type { Config } from "../config";
import { ENTITY_TYPES } from "../contract";
import { AppError, badRequest } from "../errors";
import type { Logger } from "../logger";
import { methodNotAllowed } from "../routes/method-not-allowed";
import type { DatadogClient } from "../upstream/datadog-client";
import { OAUTH_SCOPES } from "./auth-config";
import { datadogSignIn, SESSION_COOKIE } from "./datadog-sign-in";
import { LruSessionStore } from "./lru-session-store";
import { createOAuthClient, type OAuthEndpoints } from "./oauth-client";
import { createOriginCheck } from "./origin-check";
import { ANONYMOUS, type Principal } from "./principal";
import { proxyIdentity } from "./proxy-identity";

/** Idle sign-ins are forgotten after this long; each request extends it. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const MAX_SESSIONS = 10_000;

export interface AccessDeps {
  config: Config;
  logger: Logger;
  upstream: DatadogClient;
  /** Datadog's OAuth endpoints (the embedded simulator's in the demo). */
  endpoints: OAuthEndpoints;
  /** Where people open casegraph; known only once listening when the demo leaves it unset. */
  publicUrl: () => string;
  /** Whether a connection comes from a configured proxy address. */
  isTrustedProxy: (address: string) => boolean;
  /** A shared session store (Redis) instead of the in-memory one. */
  sessionStore?: session.Store;
  fetch?: typeof fetch;
}

export interface Access {
  /** Before the routes: CSRF check, session, who the request is, the auth routes, 401s. */
  router: Router;
  /** For an HTTP upgrade (the lookup WebSocket): may it open for the cookie's holder? */
  allowsUpgrade(req: IncomingMessage): boolean;
  /** Who an HTTP upgrade is for, found as for any request (session cookie, proxy header). */
  identifyUpgrade(req: IncomingMessage): Promise<Principal | undefined>;
}

const openedBody = z
  .object({ type: z.enum(ENTITY_TYPES), id: z.string().min(1).max(100) })
  .strict();

/** Everything that decides who a request is and whether it may be answered, for every mode. */
export function createAccess(deps: AccessDeps): Access {
  const { config, logger } = deps;
  const mode = config.auth.mode;
  const router = Router();
  const origin = createOriginCheck({ publicUrl: deps.publicUrl, corsOrigins: config.corsOrigins });
  router.use(origin.middleware);
  // Who the request is: also run on WebSocket upgrades, which never pass the router.
  const identification: RequestHandler[] = [];

  if (config.auth.mode === "datadog") {
    const https = config.publicUrl?.startsWith("https:") ?? false;
    identification.push(
      session({
        name: SESSION_COOKIE,
        secret: config.sessionSecret ?? randomBytes(32).toString("base64url"),
        store:
          deps.sessionStore ??
          new LruSessionStore({ maxSessions: MAX_SESSIONS, ttlMs: SESSION_TTL_MS }),
        resave: false,
        saveUninitialized: false,
        rolling: true,
        // Behind a TLS-terminating proxy the hop to casegraph is http; the public URL says https.
        proxy: https,
        cookie: {
          httpOnly: true,
          sameSite: "lax",
          secure: https,
          path: "/",
          maxAge: SESSION_TTL_MS,
        },
      }),
    );
    const signIn = datadogSignIn({
      oauth: createOAuthClient({
        endpoints: deps.endpoints,
        clientId: config.auth.clientId,
        clientSecret: config.auth.clientSecret,
        scopes: OAUTH_SCOPES,
        timeoutMs: config.upstream.timeoutMs,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
      }),
      upstream: deps.upstream,
      publicUrl: deps.publicUrl,
      logger,
    });
    identification.push(signIn.identify);
    router.use(identification);
    router.use(signIn.router);
  } else if (config.auth.mode === "proxy") {
    identification.push(proxyIdentity(config.auth, deps.isTrustedProxy));
    router.use(identification);
  } else {
    identification.push((req, _res, next) => {
      req.principal = ANONYMOUS;
      next();
    });
    router.use(identification);
  }

  const identifyUpgrade = async (incoming: IncomingMessage): Promise<Principal | undefined> => {
    const req = incoming as express.Request;
    // Nothing is written back on an upgrade; the session middleware only needs somewhere to.
    const res = new ServerResponse(incoming) as express.Response;
    for (const step of identification) {
      await new Promise<void>((resolve, reject) => {
        Promise.resolve(
          step(req, res, (error?: unknown) => (error ? reject(error) : resolve())),
        ).catch(reject);
      });
    }
    return req.principal;
  };

  router
    .route("/api/session")
    .get((req, res) => {
      res.setHeader("Cache-Control", "no-store");
      const who = req.principal;
      res.json({
        mode,
        ...(who && who !== ANONYMOUS
          ? {
              user: {
                id: who.id,
                ...(who.name ? { name: who.name } : {}),
                ...(who.email ? { email: who.email } : {}),
              },
            }
          : {}),
        ...(mode === "datadog" ? { sign_in_url: "/auth/login" } : {}),
      });
    })
    .all(methodNotAllowed("GET"));

  // Before the routes: nothing below answers, or reads Datadog, for no one.
  const requirePerson: RequestHandler = (req, _res, next) => {
    if (req.principal || `${req.baseUrl}${req.path}` === "/api/config") return next();
    throw new AppError(
      401,
      "unauthenticated",
      mode === "datadog"
        ? "Sign in with Datadog to read cases (open /auth/login)."
        : "The sign-in proxy did not say who you are; open casegraph through it.",
    );
  };
  router.use("/api", requirePerson);

  // A signed-out visitor of a page is sent to sign in and brought back to the same address.
  // With public previews the page is served (a chat unfurler reads its preview) and the app
  // sends the person to sign in instead.
  if (mode === "datadog" && !config.publicPreviews) {
    router.get(["/", /^\/cases\/[^/]+\/?$/], (req, res, next) => {
      if (req.principal) return next();
      res.setHeader("Cache-Control", "no-store");
      res.redirect(302, `/auth/login?return_to=${encodeURIComponent(req.originalUrl)}`);
    });
  }

  // The audit trail: who opened which root, in which mode. Ids only, never tokens.
  router
    .route("/api/opened")
    .post(express.json({ limit: "1kb" }), (req, res) => {
      const parsed = openedBody.safeParse(req.body);
      if (!parsed.success)
        throw badRequest('The body must be {"type":"CASE","id":"<uuid or key>"}.');
      const who = req.principal ?? ANONYMOUS;
      logger.info(
        { audit: "root_opened", who: who.id, root: `${parsed.data.type}:${parsed.data.id}`, mode },
        "root opened",
      );
      res.status(204).end();
    })
    .all(methodNotAllowed("POST"));

  return { router, allowsUpgrade: origin.allows, identifyUpgrade };
}
