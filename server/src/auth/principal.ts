import type { AuthMode } from "./auth-config";

/** How an upstream call reads as one person: their current token, and a way to renew it once. */
export interface PersonUpstreamAuth {
  accessToken(): string;
  /** A fresh access token after Datadog refused the current one; throws 401 when sign-in ended. */
  renew(): Promise<string>;
}

/** Who a request is for. */
export interface Principal {
  /** Stable id: the Datadog user id, the proxy's email, or "anonymous". */
  id: string;
  name?: string;
  email?: string;
  mode: AuthMode;
  /** Present when Datadog is read as this person (datadog mode); absent: the org's keys. */
  upstream?: PersonUpstreamAuth;
}

export const ANONYMOUS: Principal = { id: "anonymous", mode: "none" };

/**
 * The cache partition of a principal: answers read as a person are theirs alone; answers read
 * with the org's keys are shared. Ids, never tokens, so a renewed token keeps its cache.
 */
export function cachePartition(principal: Principal | undefined): string {
  return principal?.upstream ? `person:${principal.id}\u0000` : "";
}

declare global {
  namespace Express {
    interface Request {
      /** Set by the access middleware for every request it lets through. */
      principal?: Principal;
    }
  }
}
