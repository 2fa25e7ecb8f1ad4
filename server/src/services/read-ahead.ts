import {
  type BatchLine,
  type EntityType,
  isEntityType,
  type Link,
  READ_AHEAD_MAX_CAP,
  UUID_PATTERN,
} from "../contract";
import { answerLookup, type LookupItem, type LookupServices } from "./answer-lookup";
import type { LookupRequestContext } from "./lookup-request-context";

/** Within this long, an entity read ahead (or answered) once is not read ahead again. */
export const READ_AHEAD_WINDOW_MS = 10_000;
/** What a page that declares no cap is read ahead for: the client's default cap. */
export const READ_AHEAD_DEFAULT_CAP = 500;
/** Reads ahead of one page in flight at once; the rest wait their turn here. */
export const READ_AHEAD_MAX_IN_FLIGHT = 128;

export interface ReadAheadOptions {
  services: LookupServices;
  /** Who the reads are charged to and when to give up; reads ahead never go past the cache. */
  ctx: Omit<LookupRequestContext, "fresh">;
  /** Sends an answer the page did not ask for (yet); absent: the reads only warm the cache. */
  push?: (line: BatchLine) => void;
  answer?: typeof answerLookup;
  now?: () => number;
  maxInFlight?: number;
}

export interface ReadAhead {
  /**
   * A links answer, asked for or read ahead, of an entity past which the page shows `ahead`
   * more hops: its neighbours' links and labels are read now, and theirs in turn, `ahead` hops
   * out in all. Nothing is read ahead of a fresh read (a Refresh reads only what it asks for).
   */
  after(item: LookupItem, line: BatchLine, ahead: number, fresh?: boolean): void;
  /** The page asked for this lookup itself: its answer goes back as asked, never pushed. */
  asked(item: LookupItem): void;
  /** The most entities read ahead within the window (the page's cap). */
  setCap(cap: number): void;
  /**
   * Reads nothing more. What is in flight finishes into the cache: those upstream calls are
   * already made, and aborting them would only have the next reader pay for them again.
   */
  stop(): void;
  /** Resolves once nothing is being read ahead or waiting to be. */
  idle(): Promise<void>;
}

// Ids as the services key them: a UUID in any case is one entity.
const entityKey = (type: string, id: string) => `${type}:${id.toLowerCase()}`;
const itemKey = (kind: string, type: string, id: string) => `${kind}:${entityKey(type, id)}`;

/** A read ahead that fails is not logged: the page's own lookup meets the failure and logs it. */
const QUIET = { log: false } as const;

interface Waiting {
  type: EntityType;
  id: string;
  ahead: number;
}

/**
 * Reads a page's graph ahead of it: every entity within the hops the page says it shows, so
 * that its next lookups find their answers already read (or, on the socket, already sent).
 * Bounded by the page's declared depth and cap (at most `READ_AHEAD_MAX_CAP` entities in all),
 * a few reads at a time, and charged to its client like its own lookups, so the per-client
 * budget and the fair upstream slots apply unchanged. An entity within the hops is one the page
 * shows, so reading it ahead costs no extra upstream call.
 */
export function createReadAhead(options: ReadAheadOptions): ReadAhead {
  const answer = options.answer ?? answerLookup;
  const now = options.now ?? Date.now;
  const maxInFlight = options.maxInFlight ?? READ_AHEAD_MAX_IN_FLIGHT;
  const ctx: LookupRequestContext = { ...options.ctx, fresh: false };
  /** Entities read ahead or asked for, by when. */
  const read = new Map<string, number>();
  /** Lookups answered to the page (asked or pushed), by when. */
  const answered = new Map<string, number>();
  /** Entities whose links are still to be read. */
  const waiting: Waiting[] = [];
  /** Entities whose links have been asked for and whose label is still to be. */
  const labelsWaiting: Waiting[] = [];
  let inFlight = 0;
  let total = 0;
  let cap = READ_AHEAD_DEFAULT_CAP;
  let stopped = false;
  const wakers: Array<() => void> = [];

  const forget = (entries: Map<string, number>) => {
    const cutoff = now() - READ_AHEAD_WINDOW_MS;
    for (const [key, at] of entries) {
      // Insertion order is time order (entries are deleted before they are set again).
      if (at > cutoff) break;
      entries.delete(key);
    }
  };
  const remember = (entries: Map<string, number>, key: string) => {
    entries.delete(key);
    entries.set(key, now());
  };

  const push = (item: LookupItem, line: BatchLine) => {
    // A failure is left for the page's own lookup to meet, and to say.
    if ("error" in line || !options.push) return;
    const key = itemKey(item.kind, item.type, item.id);
    forget(answered);
    if (answered.has(key)) return;
    remember(answered, key);
    options.push({ ...line, pushed: true });
  };

  const settleIfIdle = () => {
    if (inFlight > 0 || waiting.length > 0 || labelsWaiting.length > 0) return;
    for (const wake of wakers.splice(0)) wake();
  };

  /** Reads one lookup ahead in a slot; a links answer reads on past it. */
  const start = (kind: LookupItem["kind"], next: Waiting) => {
    const item: LookupItem = { kind, type: next.type, id: next.id };
    inFlight += 1;
    void answer(options.services, item, ctx, QUIET).then((line) => {
      push(item, line);
      if (kind === "links") self.after(item, line, next.ahead);
      inFlight -= 1;
      pump();
    });
  };

  /**
   * Links first: they are what finds the next hop. On a hop wider than the slots, its links take
   * them and its labels follow as slots free, so labels never hold the next hop back. A label the
   * page has asked for itself meanwhile is not read again: its answer has gone to the page.
   */
  const pump = () => {
    if (stopped || ctx.signal.aborted) {
      waiting.length = 0;
      labelsWaiting.length = 0;
    }
    while (inFlight < maxInFlight) {
      const entity = waiting.shift();
      if (entity) {
        start("links", entity);
        labelsWaiting.push(entity);
        continue;
      }
      const labelOf = labelsWaiting.shift();
      if (!labelOf) break;
      forget(answered);
      if (answered.has(itemKey("entity", labelOf.type, labelOf.id))) continue;
      start("entity", labelOf);
    }
    settleIfIdle();
  };

  const self: ReadAhead = {
    after(item, line, ahead, fresh = false) {
      if (fresh || ahead < 1 || !("data" in line) || item.kind !== "links") return;
      if (stopped || ctx.signal.aborted) return;
      forget(read);
      // The entity itself counts against the cap, read ahead or not.
      const own = entityKey(item.type, item.id);
      if (!read.has(own)) remember(read, own);
      for (const end of neighboursOf(line.data as Link[], own)) {
        if (read.has(end.key)) continue;
        if (read.size >= cap || total >= READ_AHEAD_MAX_CAP) break;
        remember(read, end.key);
        total += 1;
        waiting.push({ type: end.type, id: end.id, ahead: ahead - 1 });
      }
      pump();
    },
    asked(item) {
      forget(answered);
      remember(answered, itemKey(item.kind, item.type, item.id));
      if (item.kind === "links") {
        forget(read);
        remember(read, entityKey(item.type, item.id));
      }
    },
    setCap(value) {
      cap = value;
    },
    stop() {
      stopped = true;
      pump();
    },
    idle() {
      return new Promise((resolve) => {
        wakers.push(resolve);
        settleIfIdle();
      });
    },
  };
  return self;
}

/** The other end of each link that can be looked up, with its id as the link gives it. */
function* neighboursOf(
  links: readonly Link[],
  ownKey: string,
): Iterable<{ type: EntityType; id: string; key: string }> {
  for (const { attributes: a } of links) {
    const ends = [
      [a.parent_entity_type, a.parent_entity_id],
      [a.child_entity_type, a.child_entity_id],
    ] as const;
    for (const [type, rawId] of ends) {
      const id = String(rawId);
      if (!isEntityType(type) || !UUID_PATTERN.test(id)) continue;
      const key = entityKey(type, id);
      if (key !== ownKey) yield { type, id, key };
    }
  }
}
