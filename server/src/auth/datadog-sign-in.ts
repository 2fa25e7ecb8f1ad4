import { type Request, type RequestHandler, Router } from "express";
import type { Session, SessionData } from "express-session";
import { AppError } from "../errors";
import type { Logger } from "../logger";
import { methodNotAllowed } from "../routes/method-not-allowed";
import type { DatadogClient } from "../upstream/datadog-client";
import type { OAuthClient, PendingSignIn, TokenSet } from "./oauth-client";
import type { Principal } from "./principal";
import { safeReturnPath } from "./return-path";

declare module "express-session" {
  interface SessionData {
    /** Between /auth/login and /auth/callback. */
    signIn?: PendingSignIn & { returnTo: string };
    person?: { id: string; name?: string; email?: string };
    /** Only ever on the server: the session store holds them, the browser holds an opaque id. */
    tokens?: TokenSet;
  }
}

/** Renew a little before Datadog's expiry, so a call never leaves with a token about to lapse. */
const RENEW_EARLY_MS = 30_000;
/** How long a renewal's result is reused by requests that still hold the old refresh token. */
const RENEWAL_REUSE_MS = 60_000;

export interface DatadogSignInOptions {
  oauth: OAuthClient;
  upstream: DatadogClient;
  /** `<public url>/auth/callback` is the redirect URI registered with Datadog. */
  publicUrl: () => string;
  logger: Logger;
}

const save = (session: Session) =>
  new Promise<void>((resolve, reject) => session.save((e) => (e ? reject(e) : resolve())));
const regenerate = (req: Request) =>
  new Promise<void>((resolve, reject) =>
    req.session.regenerate((e) => (e ? reject(e) : resolve())),
  );
const destroy = (req: Request) =>
  new Promise<void>((resolve) => req.session.destroy(() => resolve()));

/** Sign in with Datadog: the login, callback and logout routes, and who each request is. */
export function datadogSignIn(options: DatadogSignInOptions) {
  const { oauth, upstream, logger } = options;
  // Refresh tokens rotate: concurrent requests of one session share one renewal.
  const renewals = new Map<string, { from: string; result: Promise<TokenSet> }>();

  const renewFor = async (req: Request): Promise<string> => {
    const tokens = req.session.tokens;
    const refreshToken = tokens?.refreshToken;
    if (!refreshToken) return endSession(req);
    let renewal = renewals.get(req.sessionID);
    if (!renewal || renewal.from !== refreshToken) {
      renewal = { from: refreshToken, result: oauth.refresh(refreshToken) };
      const entry = renewal;
      renewals.set(req.sessionID, entry);
      setTimeout(() => {
        if (renewals.get(req.sessionID) === entry) renewals.delete(req.sessionID);
      }, RENEWAL_REUSE_MS).unref();
    }
    let fresh: TokenSet;
    try {
      fresh = await renewal.result;
    } catch (error) {
      if (error instanceof AppError && error.status === 401) return endSession(req);
      throw error;
    }
    req.session.tokens = fresh;
    // Saved now, not when this (perhaps long, streamed) answer ends: the next request needs it.
    await save(req.session);
    return fresh.accessToken;
  };

  const endSession = async (req: Request): Promise<never> => {
    delete req.session.person;
    delete req.session.tokens;
    await save(req.session);
    throw new AppError(401, "unauthenticated", "Your Datadog sign-in has ended; sign in again.");
  };

  const identify: RequestHandler = async (req, _res, next) => {
    const { person, tokens } = req.session ?? ({} as SessionData);
    if (!person || !tokens) return next();
    if (tokens.expiresAt !== undefined && tokens.expiresAt - RENEW_EARLY_MS <= Date.now()) {
      try {
        await renewFor(req);
      } catch (error) {
        // An ended sign-in is simply no one; the API then answers 401 and pages ask again.
        if (error instanceof AppError && error.status === 401) return next();
        throw error;
      }
    }
    const principal: Principal = {
      id: person.id,
      ...(person.name ? { name: person.name } : {}),
      ...(person.email ? { email: person.email } : {}),
      mode: "datadog",
      upstream: {
        accessToken: () => req.session.tokens?.accessToken ?? "",
        renew: () => renewFor(req),
      },
    };
    req.principal = principal;
    next();
  };

  const router = Router();
  router
    .route("/auth/login")
    .get(async (req, res) => {
      const returnTo = safeReturnPath(req.query.return_to);
      const publicUrl = new URL(options.publicUrl());
      // The callback returns to the public address; a sign-in begun under another allowed name
      // (localhost for 127.0.0.1) would keep its cookie there and never find it again.
      if (req.get("host") !== publicUrl.host) {
        res.setHeader("Cache-Control", "no-store");
        const again = new URL("/auth/login", publicUrl);
        again.searchParams.set("return_to", returnTo);
        res.redirect(302, again.href);
        return;
      }
      const { url, pending } = await oauth.start(`${publicUrl.origin}/auth/callback`);
      req.session.signIn = { ...pending, returnTo };
      await save(req.session);
      res.setHeader("Cache-Control", "no-store");
      res.redirect(302, url);
    })
    .all(methodNotAllowed("GET"));

  router
    .route("/auth/callback")
    .get(async (req, res) => {
      const pending = req.session.signIn;
      if (!pending) {
        throw new AppError(
          400,
          "bad_request",
          "This sign-in is unknown or already finished; open casegraph and sign in again.",
        );
      }
      delete req.session.signIn;
      const callback = new URL(req.originalUrl, "http://callback.invalid").searchParams;
      const tokens = await oauth.finish(callback, pending);
      const person = await upstream.currentUser(tokens.accessToken);
      // A new session id at sign-in: an id planted before it (fixation) is worth nothing after.
      await regenerate(req);
      req.session.person = person;
      req.session.tokens = tokens;
      await save(req.session);
      logger.info(
        { audit: "signed_in", who: person.id, email: person.email, mode: "datadog" },
        "signed in",
      );
      res.setHeader("Cache-Control", "no-store");
      res.redirect(302, pending.returnTo);
    })
    .all(methodNotAllowed("GET"));

  router
    .route("/auth/logout")
    .post(async (req, res) => {
      const tokens = req.session.tokens;
      const who = req.session.person?.id;
      // Revoking the refresh token ends the whole grant at Datadog; the access token as well in
      // case the server revokes them one by one.
      if (tokens?.refreshToken) await oauth.revoke(tokens.refreshToken);
      if (tokens?.accessToken) await oauth.revoke(tokens.accessToken);
      renewals.delete(req.sessionID);
      await destroy(req);
      res.clearCookie(SESSION_COOKIE, { path: "/" });
      if (who) logger.info({ audit: "signed_out", who, mode: "datadog" }, "signed out");
      res.setHeader("Cache-Control", "no-store");
      res.json({ signed_out: true });
    })
    .all(methodNotAllowed("POST"));

  return { router, identify };
}

export const SESSION_COOKIE = "casegraph.sid";
