import * as oauth from "oauth4webapi";
import { AppError } from "../errors";

export interface OAuthEndpoints {
  /** `{app}/oauth2/v1/authorize`: where the browser goes to consent. */
  authorize: string;
  /** `{api}/oauth2/v1/token` */
  token: string;
  /** `{api}/oauth2/v1/revoke` */
  revoke: string;
}

export interface OAuthClientOptions {
  endpoints: OAuthEndpoints;
  clientId: string;
  clientSecret: string;
  scopes: readonly string[];
  timeoutMs: number;
  fetch?: typeof fetch;
}

export interface TokenSet {
  accessToken: string;
  refreshToken: string | undefined;
  /** Epoch ms; undefined when the server did not say. */
  expiresAt: number | undefined;
}

/** What the browser's round trip needs remembered in the session, never shown to it. */
export interface PendingSignIn {
  state: string;
  codeVerifier: string;
  redirectUri: string;
}

/**
 * Datadog's authorization-code flow with PKCE for a confidential client, through oauth4webapi:
 * the library checks the state, the answer shapes and the token type; we only say where.
 */
export function createOAuthClient(options: OAuthClientOptions) {
  const authorizationUrl = new URL(options.endpoints.authorize);
  const as: oauth.AuthorizationServer = {
    // Datadog publishes no discovery document for this flow; the issuer is its web app.
    issuer: authorizationUrl.origin,
    authorization_endpoint: options.endpoints.authorize,
    token_endpoint: options.endpoints.token,
    revocation_endpoint: options.endpoints.revoke,
  };
  const client: oauth.Client = { client_id: options.clientId };
  const clientAuth = oauth.ClientSecretPost(options.clientSecret);
  const requestOptions = () => ({
    // The simulator (and a test double) listen on plain http; Datadog itself is https.
    [oauth.allowInsecureRequests]: as.token_endpoint?.startsWith("http:") ?? false,
    ...(options.fetch ? { [oauth.customFetch]: options.fetch } : {}),
    signal: AbortSignal.timeout(options.timeoutMs),
  });

  const toTokens = (response: oauth.TokenEndpointResponse): TokenSet => ({
    accessToken: response.access_token,
    refreshToken: response.refresh_token,
    expiresAt:
      typeof response.expires_in === "number" ? Date.now() + response.expires_in * 1000 : undefined,
  });

  return {
    /** The consent page address and what to keep until the browser comes back. */
    async start(redirectUri: string): Promise<{ url: string; pending: PendingSignIn }> {
      const codeVerifier = oauth.generateRandomCodeVerifier();
      const state = oauth.generateRandomState();
      const url = new URL(authorizationUrl);
      url.searchParams.set("client_id", options.clientId);
      url.searchParams.set("redirect_uri", redirectUri);
      url.searchParams.set("response_type", "code");
      url.searchParams.set("scope", options.scopes.join(" "));
      url.searchParams.set("state", state);
      url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(codeVerifier));
      url.searchParams.set("code_challenge_method", "S256");
      return { url: url.href, pending: { state, codeVerifier, redirectUri } };
    },

    /** Checks the callback against what was kept, and trades the code for tokens. */
    async finish(callback: URLSearchParams, pending: PendingSignIn): Promise<TokenSet> {
      let params: URLSearchParams;
      try {
        params = oauth.validateAuthResponse(as, client, callback, pending.state);
      } catch (error) {
        if (error instanceof oauth.AuthorizationResponseError && error.error === "access_denied")
          throw new AppError(403, "forbidden", "Sign-in was cancelled at Datadog.");
        throw new AppError(
          400,
          "bad_request",
          "The sign-in answer from Datadog does not match this sign-in; start again.",
        );
      }
      try {
        const response = await oauth.authorizationCodeGrantRequest(
          as,
          client,
          clientAuth,
          params,
          pending.redirectUri,
          pending.codeVerifier,
          requestOptions(),
        );
        return toTokens(await oauth.processAuthorizationCodeResponse(as, client, response));
      } catch (error) {
        throw tokenFailure(error, "Datadog did not accept the sign-in; start again.");
      }
    },

    async refresh(refreshToken: string): Promise<TokenSet> {
      try {
        const response = await oauth.refreshTokenGrantRequest(
          as,
          client,
          clientAuth,
          refreshToken,
          requestOptions(),
        );
        const tokens = toTokens(await oauth.processRefreshTokenResponse(as, client, response));
        // A server that does not rotate refresh tokens keeps the one we have.
        return { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken };
      } catch (error) {
        throw tokenFailure(error, "Your Datadog sign-in has ended; sign in again.");
      }
    },

    /** Best effort: a sign-out that cannot reach Datadog still forgets the tokens here. */
    async revoke(token: string): Promise<boolean> {
      try {
        const response = await oauth.revocationRequest(
          as,
          client,
          clientAuth,
          token,
          requestOptions(),
        );
        await oauth.processRevocationResponse(response);
        return true;
      } catch {
        return false;
      }
    },
  };
}

export type OAuthClient = ReturnType<typeof createOAuthClient>;

/** A refused grant means sign in again (401); anything else is Datadog failing (502). */
function tokenFailure(error: unknown, refusedMessage: string): AppError {
  if (error instanceof oauth.ResponseBodyError && error.status >= 400 && error.status < 500) {
    return new AppError(401, "unauthenticated", refusedMessage);
  }
  const failure = new AppError(
    502,
    "upstream_error",
    "Datadog's sign-in service did not answer properly; try again.",
  );
  failure.upstreamReason = error instanceof Error ? error.name : typeof error;
  return failure;
}
