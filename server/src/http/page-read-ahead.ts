import { setMaxListeners } from "node:events";
import type { Principal } from "../auth/principal";
import { answerLookup, type LookupItem, type LookupServices } from "../services/answer-lookup";
import { createReadAhead, type ReadAhead } from "../services/read-ahead";

/** A case page's read ahead gives up after this long, whatever is left. */
export const PAGE_READ_AHEAD_DEADLINE_MS = 20_000;

export interface PageReadAheads {
  /**
   * Reads the graph of a case page to `depth`, at most `cap` entities, into the cache. One per
   * client at a time: a client's next page stops its previous one.
   */
  start(page: {
    clientId: string;
    principal?: Principal;
    rootId: string;
    depth: number;
    cap: number;
  }): void;
  /** Whether the client has a page read ahead under way. */
  active(clientId: string): boolean;
  /** Resolves once the client's page read ahead, if any, has nothing left to read. */
  idle(clientId: string): Promise<void>;
}

interface Running {
  readAhead: ReadAhead;
  stop(): void;
  done: Promise<void>;
}

/**
 * The read ahead a case page's HTML starts while its JS loads (see `client-app.ts`): charged to
 * the visitor, bounded by its depth and cap, one per client, stopped by a deadline.
 */
export function createPageReadAheads(
  services: LookupServices,
  options: { deadlineMs?: number } = {},
): PageReadAheads {
  const running = new Map<string, Running>();
  const deadlineMs = options.deadlineMs ?? PAGE_READ_AHEAD_DEADLINE_MS;

  return {
    start({ clientId, principal, rootId, depth, cap }) {
      running.get(clientId)?.stop();
      const controller = new AbortController();
      // Every read ahead of the page listens to this one signal: up to 128 at once.
      setMaxListeners(0, controller.signal);
      const timer = setTimeout(() => controller.abort(), deadlineMs);
      timer.unref();
      const ctx = { clientId, signal: controller.signal, ...(principal ? { principal } : {}) };
      const readAhead = createReadAhead({ services, ctx });
      readAhead.setCap(cap);
      const root: LookupItem = { kind: "links", type: "CASE", id: rootId };
      const done = answerLookup(services, root, { ...ctx, fresh: false }, { log: false })
        .then((line) => readAhead.after(root, line, depth))
        .then(() => readAhead.idle());
      const entry: Running = {
        readAhead,
        stop: () => controller.abort(),
        done,
      };
      running.set(clientId, entry);
      void done.finally(() => {
        clearTimeout(timer);
        if (running.get(clientId) === entry) running.delete(clientId);
      });
    },
    active: (clientId) => running.has(clientId),
    idle: async (clientId) => {
      await running.get(clientId)?.done;
    },
  };
}
