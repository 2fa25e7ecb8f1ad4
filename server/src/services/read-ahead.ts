import { type BatchLine, isEntityType, type Link, UUID_PATTERN } from "../contract";
import { answerLookup, type LookupItem, type LookupServices } from "./answer-lookup";
import type { LookupRequestContext } from "./lookup-request-context";

/** Within this long, an entity read ahead (or answered) once is not read ahead again. */
export const READ_AHEAD_WINDOW_MS = 10_000;
/** What a page that declares no cap is read ahead for: the client's default cap. */
export const READ_AHEAD_DEFAULT_CAP = 500;

export interface ReadAheadOptions {
  services: LookupServices;
  /** Who the reads are charged to and when to give up; reads ahead never go past the cache. */
  ctx: Omit<LookupRequestContext, "fresh">;
  /** Sends an answer the page did not ask for yet; absent: the reads only warm the cache. */
  push?: (line: BatchLine) => void;
  answer?: typeof answerLookup;
  now?: () => number;
}

export interface ReadAhead {
  /**
   * A links answer, asked for or read ahead, of an entity past which the page shows `ahead`
   * more hops: its neighbours' links and labels are read now, and theirs in turn, `ahead` hops
   * out in all.
   */
  after(item: LookupItem, line: BatchLine, ahead: number): void;
  /** The page asked for this lookup itself: its answer goes back as asked, never pushed. */
  asked(item: LookupItem): void;
  /** The most entities read ahead within the window (the page's cap). */
  setCap(cap: number): void;
}

/** A read ahead that fails is not logged: the page's own lookup meets the failure and logs it. */
const QUIET = { log: false } as const;

// Ids as the services key them: a UUID in any case is one entity.
const entityKey = (type: string, id: string) => `${type}:${id.toLowerCase()}`;
const itemKey = (kind: string, type: string, id: string) => `${kind}:${entityKey(type, id)}`;

/**
 * Reads a page's graph ahead of it: every entity within the hops the page says it shows, so
 * that its next lookups find their answers already read (or, on the socket, already sent).
 * Bounded by the page's declared depth and cap, and charged to its client like its own
 * lookups, so the per-client budget and the fair upstream slots apply unchanged. An entity
 * within the hops is one the page shows, so reading it ahead costs no extra upstream call.
 */
export function createReadAhead(options: ReadAheadOptions): ReadAhead {
  const answer = options.answer ?? answerLookup;
  const now = options.now ?? Date.now;
  const ctx: LookupRequestContext = { ...options.ctx, fresh: false };
  /** Entities read ahead, by when. */
  const read = new Map<string, number>();
  /** Lookups answered to the page (asked or pushed), by when. */
  const answered = new Map<string, number>();
  let cap = READ_AHEAD_DEFAULT_CAP;

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
    options.push(line);
  };

  const readNeighbour = (type: LookupItem["type"], id: string, ahead: number) => {
    const links: LookupItem = { kind: "links", type, id };
    const label: LookupItem = { kind: "entity", type, id };
    void answer(options.services, links, ctx, QUIET).then((line) => {
      push(links, line);
      self.after(links, line, ahead);
    });
    void answer(options.services, label, ctx, QUIET).then((line) => push(label, line));
  };

  const self: ReadAhead = {
    after(item, line, ahead) {
      if (ahead < 1 || !("data" in line) || item.kind !== "links" || ctx.signal.aborted) return;
      forget(read);
      // The entity itself counts against the cap, read ahead or not.
      const own = entityKey(item.type, item.id);
      if (!read.has(own)) remember(read, own);
      for (const end of neighboursOf(line.data as Link[], item.id)) {
        const key = entityKey(end.type, end.id);
        if (read.has(key)) continue;
        if (read.size >= cap) return;
        remember(read, key);
        readNeighbour(end.type, end.id, ahead - 1);
      }
    },
    asked(item) {
      remember(answered, itemKey(item.kind, item.type, item.id));
      if (item.kind === "links") remember(read, entityKey(item.type, item.id));
    },
    setCap(value) {
      cap = value;
    },
  };
  return self;
}

/** The other end of each link: lookable entities only, ids as the services key them. */
function* neighboursOf(
  links: readonly Link[],
  selfId: string,
): Iterable<{ type: LookupItem["type"]; id: string }> {
  const self = selfId.toLowerCase();
  for (const { attributes: a } of links) {
    const ends = [
      [a.parent_entity_type, a.parent_entity_id],
      [a.child_entity_type, a.child_entity_id],
    ] as const;
    for (const [type, rawId] of ends) {
      const id = String(rawId).toLowerCase();
      if (id === self || !isEntityType(type) || !UUID_PATTERN.test(id)) continue;
      yield { type, id };
    }
  }
}
