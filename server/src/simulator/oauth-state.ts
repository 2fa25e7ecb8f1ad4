import { createHash, randomBytes } from "node:crypto";

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  /** Exact redirect URIs the client registered; undefined accepts any http(s) URI (demo, tests). */
  redirectUris?: string[];
}

export interface Grant {
  userId: string;
  clientId: string;
  scopes: string[];
}

interface PendingCode extends Grant {
  redirectUri: string;
  codeChallenge: string;
  expiresAt: number;
}

interface AccessToken extends Grant {
  expiresAt: number;
  family: string;
}

interface RefreshToken extends Grant {
  family: string;
}

export interface TokenSet {
  access_token: string;
  token_type: "bearer";
  expires_in: number;
  refresh_token: string;
  scope: string;
}

const CODE_TTL_MS = 60_000;
const token = (prefix: string) => `${prefix}_${randomBytes(24).toString("base64url")}`;

/**
 * The simulator's authorization server: codes bound to their PKCE challenge and redirect URI
 * (single use), access tokens with a lifetime, rotating refresh tokens, and revocation of a
 * whole sign-in (a refresh token and every access token issued from it).
 */
export class OAuthState {
  readonly clients: Map<string, OAuthClient>;
  accessTokenTtlS: number;
  readonly #codes = new Map<string, PendingCode>();
  readonly #access = new Map<string, AccessToken>();
  readonly #refresh = new Map<string, RefreshToken>();

  constructor(clients: OAuthClient[], accessTokenTtlS: number) {
    this.clients = new Map(clients.map((c) => [c.clientId, c]));
    this.accessTokenTtlS = accessTokenTtlS;
  }

  issueCode(grant: Grant, redirectUri: string, codeChallenge: string): string {
    const code = token("code");
    this.#codes.set(code, {
      ...grant,
      redirectUri,
      codeChallenge,
      expiresAt: Date.now() + CODE_TTL_MS,
    });
    return code;
  }

  /** Exchanges a code once; undefined when it is unknown, used, expired or the proof fails. */
  redeemCode(
    code: string,
    clientId: string,
    redirectUri: string,
    codeVerifier: string,
  ): TokenSet | undefined {
    const pending = this.#codes.get(code);
    this.#codes.delete(code);
    if (!pending || pending.expiresAt < Date.now()) return undefined;
    if (pending.clientId !== clientId || pending.redirectUri !== redirectUri) return undefined;
    const challenge = createHash("sha256").update(codeVerifier).digest("base64url");
    if (challenge !== pending.codeChallenge) return undefined;
    return this.#issue(
      { userId: pending.userId, clientId, scopes: pending.scopes },
      token("family"),
    );
  }

  /** Rotates: the old refresh token stops working once it has been used. */
  refresh(refreshToken: string, clientId: string): TokenSet | undefined {
    const found = this.#refresh.get(refreshToken);
    if (!found || found.clientId !== clientId) return undefined;
    this.#refresh.delete(refreshToken);
    return this.#issue(found, found.family);
  }

  /** The grant behind a live access token. */
  grantOf(accessToken: string): Grant | undefined {
    const found = this.#access.get(accessToken);
    if (!found) return undefined;
    if (found.expiresAt <= Date.now()) {
      this.#access.delete(accessToken);
      return undefined;
    }
    return found;
  }

  /** RFC 7009: revoking either token ends the whole sign-in it belongs to. */
  revoke(anyToken: string, clientId: string): void {
    const family =
      this.#refresh.get(anyToken)?.clientId === clientId
        ? this.#refresh.get(anyToken)?.family
        : this.#access.get(anyToken)?.clientId === clientId
          ? this.#access.get(anyToken)?.family
          : undefined;
    if (family === undefined) return;
    for (const [key, value] of this.#access) if (value.family === family) this.#access.delete(key);
    for (const [key, value] of this.#refresh)
      if (value.family === family) this.#refresh.delete(key);
  }

  /** Test control: every access token issued so far stops working; refresh tokens still do. */
  expireAccessTokens(): number {
    const count = this.#access.size;
    this.#access.clear();
    return count;
  }

  /** Test control: every sign-in ends, as if each person revoked casegraph's access. */
  revokeAll(): void {
    this.#access.clear();
    this.#refresh.clear();
  }

  /** Live sign-ins (refresh tokens), for tests of sign-out. */
  get liveRefreshTokens(): number {
    return this.#refresh.size;
  }

  #issue(grant: Grant, family: string): TokenSet {
    const access = token("dd_at");
    const refresh = token("dd_rt");
    this.#access.set(access, {
      ...grant,
      family,
      expiresAt: Date.now() + this.accessTokenTtlS * 1000,
    });
    this.#refresh.set(refresh, { ...grant, family });
    return {
      access_token: access,
      token_type: "bearer",
      expires_in: this.accessTokenTtlS,
      refresh_token: refresh,
      scope: grant.scopes.join(" "),
    };
  }
}
