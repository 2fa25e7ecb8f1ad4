/**
 * What one lookup carries besides its item, whichever transport brought it (a batch request,
 * a WebSocket message, a preloaded GET): who asked, when to give up, and whether to bypass the
 * cache.
 */
export interface LookupRequestContext {
  /** The client the lookup is counted against (its address today). */
  clientId: string;
  /** Aborted when the asker is gone (request closed, socket closed): its work is abandoned. */
  signal: AbortSignal;
  /** A person pressed Refresh: go back to Datadog rather than answer from the cache. */
  fresh: boolean;
}
