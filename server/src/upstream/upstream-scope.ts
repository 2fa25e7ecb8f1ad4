import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Who an upstream call is made for. The services open a scope around each load, and the
 * transport under the Datadog client reads it, so fairness, budgets, deadlines and abort
 * apply to every call without threading them through the official client.
 */
export interface UpstreamScope {
  /** The person or address the call is charged to. */
  clientId: string;
  /** Aborted when nobody waits for the answer any more. */
  signal?: AbortSignal;
  /** When the lookup was asked for (ms since epoch): its deadline runs from here. */
  askedAt: number;
}

const storage = new AsyncLocalStorage<UpstreamScope>();

/** Calls made outside any request (the readiness probe) are charged to this client. */
export const SYSTEM_CLIENT = "casegraph:system";

export function withUpstreamScope<T>(scope: UpstreamScope, run: () => Promise<T>): Promise<T> {
  return storage.run(scope, run);
}

export function currentUpstreamScope(): UpstreamScope {
  return storage.getStore() ?? { clientId: SYSTEM_CLIENT, askedAt: Date.now() };
}
