import { setMaxListeners } from "node:events";
import { cachePartition, type Principal } from "../auth/principal";
import { answerLookup, type LookupItem, type LookupServices } from "../services/answer-lookup";
import { createReadAhead, type ReadAhead } from "../services/read-ahead";

/** A case page's read ahead gives up after this long, whatever is left. */
export const PAGE_READ_AHEAD_DEADLINE_MS = 20_000;

export interface PageReadAheads {
  /**
   * Reads the graph of a case page to `depth`, at most `cap` entities, into the cache. One per
   * client at a time: the same page opened again (a link several people at one address open)
   * joins the read already under way; another page stops the previous one reading further.
   */
  start(page: {
    clientId: string;
    principal?: Principal;
    rootId: string;
    depth: number;
    cap: number;
  }): void;
  /** Whether the client has a page read ahead under way (or finishing its last reads). */
  active(clientId: string): boolean;
  /** Resolves once the client's page read aheads, if any, have nothing left to read. */
  idle(clientId: string): Promise<void>;
}

interface Running {
  /** Which page it reads: the same page opened again joins it. */
  page: string;
  readAhead: ReadAhead;
  /** Stops it at once, the reads in flight included. */
  abort(): void;
  done: Promise<void>;
}

/** A client's page read ahead, and the one before it while its last reads finish. */
interface ClientReadAheads {
  current?: Running;
  finishing?: Running;
}

/**
 * The read ahead a case page's HTML starts while its JS loads (see `client-app.ts`): charged to
 * the visitor, bounded by its depth and cap, one per client (and the one before it while its
 * last reads finish), stopped by a deadline.
 */
export function createPageReadAheads(
  services: LookupServices,
  options: { deadlineMs?: number } = {},
): PageReadAheads {
  const clients = new Map<string, ClientReadAheads>();
  const deadlineMs = options.deadlineMs ?? PAGE_READ_AHEAD_DEADLINE_MS;
  const forget = (clientId: string, entry: Running) => {
    const mine = clients.get(clientId);
    if (!mine) return;
    if (mine.current === entry) delete mine.current;
    if (mine.finishing === entry) delete mine.finishing;
    if (!mine.current && !mine.finishing) clients.delete(clientId);
  };

  return {
    start({ clientId, principal, rootId, depth, cap }) {
      const page = `${cachePartition(principal)}${rootId.toLowerCase()}:${depth}:${cap}`;
      const mine = clients.get(clientId) ?? {};
      clients.set(clientId, mine);
      if (mine.current?.page === page) return;
      // The page before is left to finish the reads it has in flight (they are paid for, and
      // land in the cache), not to start more; the one before that, if still going, is stopped,
      // so a client never has more than two.
      if (mine.current) {
        mine.finishing?.abort();
        mine.current.readAhead.stop();
        mine.finishing = mine.current;
      }
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
      const entry: Running = { page, readAhead, abort: () => controller.abort(), done };
      mine.current = entry;
      void done.finally(() => {
        clearTimeout(timer);
        forget(clientId, entry);
      });
    },
    active: (clientId) => clients.has(clientId),
    idle: async (clientId) => {
      const mine = clients.get(clientId);
      await Promise.all([mine?.current?.done, mine?.finishing?.done]);
    },
  };
}
