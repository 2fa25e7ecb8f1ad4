import {
  BATCH_MAX_ITEMS,
  type BatchLine,
  type EntityLabel,
  type EntityRef,
  type Link,
  LOOKUP_SOCKET_MAX_IN_FLIGHT,
  type LookupMessage,
} from "@casegraph/server/contract";
import { answerFreshness } from "../../../lib/answer-freshness";
import { ApiError } from "../../../lib/api-client";
import {
  type Item as BatchItem,
  type BatchLoader,
  createItem,
  itemKey,
  type Kind,
  type LoadOptions,
  parseLine,
  requestBody,
} from "./batch-loader";
import type { EarlySocket } from "./early-socket";

export interface SocketLoaderOptions {
  /** `ws(s)://host/api/lookups`. */
  url: string;
  /** Carries the lookups while the socket cannot be opened or is down. */
  fallback: BatchLoader;
  /** Defaults to the global WebSocket, looked up when a socket is opened. */
  WebSocket?: typeof WebSocket;
  /**
   * A socket already opened on `url` (by the page's HTML), used instead of opening one the
   * first time a socket is needed.
   */
  adopt?: (url: string) => EarlySocket | undefined;
  /** Lookups wait this long for a socket being opened; then they go by the fallback. */
  openTimeoutMs?: number;
  /** A socket not open by then is given up (and opened again later). */
  openGiveUpMs?: number;
  /** Waits between reconnection attempts: doubling from the first up to the last. */
  reconnectMs?: { first: number; max: number };
  /** Lookups unanswered on the socket at once; the rest wait here (the server's bound). */
  maxInFlight?: number;
}

export interface SocketLoader extends BatchLoader {
  /** Opens the socket now, before the first lookup needs it. */
  connect(): void;
}

type Item = BatchItem & { fresh: boolean; ahead?: number; cap?: number };

/** Answers the server read ahead and sent unasked, kept until asked for: at most this many, */
const PUSHED_MAX = 20_000;
/** and only this long: a later lookup (a live re-read) wants what the server holds then. */
const PUSHED_KEEP_MS = 5_000;

/**
 * Lookups over one long-lived WebSocket: each lookup leaves as soon as it is known (those known
 * in the same task share a message) and settles the moment its answer arrives, whatever else is
 * in flight. When the socket cannot be opened or drops, lookups go by `fallback` (the batch
 * route) and those that were unanswered on it are asked again there; the socket is reopened
 * with backoff and used again once it is open.
 *
 * A links lookup may say how far the graph reads past it (`ahead`): the server then reads the
 * entities that far out before they are asked for and sends their answers unasked. Those are
 * kept here, and a lookup that finds its answer among them settles at once, without a message.
 */
export function createSocketLoader(options: SocketLoaderOptions): SocketLoader {
  const openTimeoutMs = options.openTimeoutMs ?? 3000;
  const openGiveUpMs = options.openGiveUpMs ?? 30_000;
  const reconnect = options.reconnectMs ?? { first: 500, max: 30_000 };
  const maxInFlight = options.maxInFlight ?? LOOKUP_SOCKET_MAX_IN_FLIGHT;

  let adopt = options.adopt;
  let socket: WebSocket | undefined;
  let open = false;
  // Being opened for longer than lookups wait: they go by the fallback until it opens.
  let slow = false;
  let attempts = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  // Asked for and not answered yet: asking again joins the same lookup.
  const unanswered = new Map<string, Item>();
  // Sent on the open socket and not answered yet.
  const onSocket = new Map<string, Item>();
  const outgoing: Item[] = [];
  let flushScheduled = false;
  const sent = new Set<string>();
  let revalidate = new Set<string>();
  const pushed = new Map<string, { line: BatchLine & { data: unknown }; at: number }>();

  function connect(): void {
    if (socket || reconnectTimer) return;
    // Asked once: a socket the page opened early is taken the first time, never again. One that
    // has already closed (refused, or the server restarted meanwhile) is no failed attempt of
    // ours: a socket of our own is opened at once instead.
    const taken = adopt?.(options.url);
    adopt = undefined;
    const early = taken && taken.socket.readyState <= taken.socket.OPEN ? taken : undefined;
    const Impl = options.WebSocket ?? globalThis.WebSocket;
    if (!early && typeof Impl !== "function") return;
    let ws: WebSocket;
    try {
      ws = early?.socket ?? new Impl(options.url);
    } catch {
      down();
      return;
    }
    socket = ws;
    // A socket slow to open (a busy browser, a slow network) is kept: closing it only starts
    // the same wait again. Lookups meanwhile go by the fallback.
    const slowTimer = setTimeout(() => {
      slow = true;
      flush();
    }, openTimeoutMs);
    const giveUpTimer = setTimeout(() => ws.close(), openGiveUpMs);
    const settled = () => {
      clearTimeout(slowTimer);
      clearTimeout(giveUpTimer);
    };
    const opened = () => {
      settled();
      slow = false;
      open = true;
      attempts = 0;
      scheduleFlush();
    };
    const received = (event: MessageEvent) => {
      // One frame carries one or more answers, as NDJSON lines.
      if (typeof event.data === "string") for (const line of event.data.split("\n")) deliver(line);
    };
    const closed = () => {
      settled();
      if (socket !== ws) return;
      slow = false;
      down();
    };
    ws.onopen = opened;
    ws.onmessage = received;
    // A close always follows an error, and is where the socket is given up.
    ws.onerror = () => {};
    ws.onclose = closed;
    if (!early) return;
    // What happened before the socket was taken over: messages, then its state now.
    for (const event of early.messages.splice(0)) received(event);
    if (ws.readyState === ws.OPEN) opened();
  }

  /** The socket failed or closed: what it held goes by the fallback; try again later. */
  function down(): void {
    socket = undefined;
    open = false;
    outgoing.unshift(...onSocket.values());
    onSocket.clear();
    const wait = Math.min(reconnect.max, reconnect.first * 2 ** attempts);
    attempts++;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      connect();
    }, wait);
    flush();
  }

  function load(kind: Kind, ref: EntityRef, loadOptions: LoadOptions = {}): Promise<unknown> {
    const key = itemKey(kind, ref.type, ref.id);
    const existing = unanswered.get(key);
    if (existing) return existing.promise;
    const fresh = revalidate.delete(key) || loadOptions.fresh === true;
    const early = pushed.get(key);
    if (early) {
      pushed.delete(key);
      if (!fresh && performance.now() - early.at <= PUSHED_KEEP_MS) {
        answerFreshness.note(key, (early.line as { meta?: unknown }).meta);
        // Answered all the same: a Refresh must read it past the server's cache like the rest.
        sent.add(key);
        return Promise.resolve(early.line.data);
      }
    }
    const item: Item = Object.assign(
      createItem(kind, { type: ref.type, id: ref.id }, key, () => {
        if (unanswered.get(key) === item) unanswered.delete(key);
      }),
      {
        fresh,
        ...(kind === "links" && loadOptions.ahead ? { ahead: loadOptions.ahead } : {}),
        ...(loadOptions.cap ? { cap: loadOptions.cap } : {}),
      },
    );
    unanswered.set(key, item);
    sent.add(key);
    outgoing.push(item);
    connect();
    scheduleFlush();
    return item.promise;
  }

  function scheduleFlush(): void {
    if (flushScheduled) return;
    flushScheduled = true;
    setTimeout(() => {
      flushScheduled = false;
      flush();
    }, 0);
  }

  function flush(): void {
    // Connecting: sent when it opens, or by the fallback if it fails or is slow to open.
    if (socket && !open && !slow) return;
    if (!open || !socket) {
      for (const item of outgoing.splice(0)) viaFallback(item);
      return;
    }
    const ready = outgoing
      .splice(0, Math.max(0, maxInFlight - onSocket.size))
      // Answered meanwhile by what the server sent unasked.
      .filter((item) => unanswered.get(item.key) === item);
    for (const fresh of [false, true]) {
      const group = ready.filter((item) => item.fresh === fresh);
      for (let i = 0; i < group.length; i += BATCH_MAX_ITEMS) {
        const part = group.slice(i, i + BATCH_MAX_ITEMS);
        for (const item of part) onSocket.set(item.key, item);
        socket.send(JSON.stringify(messageOf(part, fresh)));
      }
    }
  }

  function viaFallback(item: Item): void {
    const loadOptions = item.fresh ? { fresh: true } : {};
    const answer =
      item.kind === "links"
        ? options.fallback.loadLinks(item.ref, loadOptions)
        : options.fallback.loadLabel(item.ref, loadOptions);
    answer.then(item.resolve, item.reject);
  }

  function deliver(text: string): void {
    const line = parseLine(text);
    // An answer we cannot read is left out; its lookup is asked again if the socket drops.
    if (!line) return;
    let item: Item | undefined;
    if ("pushed" in line && line.pushed) {
      // Read ahead, so from the server's cache: it settles a lookup waiting for it, unless that
      // lookup is a Refresh's; otherwise it is kept for when it is asked for.
      item = unanswered.get(itemKey(line.kind, line.type, line.id));
      if (!item) keepPushed(line);
      if (!item || item.fresh) return;
    } else {
      // An answer to nothing waiting (one a pushed copy already settled) is left out.
      item = matching(line);
      if (!item) return;
    }
    onSocket.delete(item.key);
    if ("error" in line) item.reject(new ApiError(line.error, line.error.retry_after_s));
    else {
      // An answer served from the BFF's cache after a failed upstream read says so in its meta.
      answerFreshness.note(item.key, (line as { meta?: unknown }).meta);
      item.resolve(line.data);
    }
    if (outgoing.length > 0) scheduleFlush();
  }

  /** An answer read ahead and sent unasked: kept for when it is asked for. */
  function keepPushed(line: BatchLine): void {
    if (!("data" in line)) return;
    const key = itemKey(line.kind, line.type, line.id);
    const at = performance.now();
    pushed.delete(key);
    pushed.set(key, { line, at });
    // Oldest first: drop what has expired, and past the bound, the oldest.
    for (const [oldKey, kept] of pushed) {
      if (pushed.size <= PUSHED_MAX && at - kept.at <= PUSHED_KEEP_MS) break;
      pushed.delete(oldKey);
    }
  }

  function matching(line: BatchLine): Item | undefined {
    const item = onSocket.get(itemKey(line.kind, line.type, line.id));
    if (item) return item;
    // A case asked for by key may be answered under its UUID: match it by the key it carries.
    if ("data" in line && line.kind === "entity" && line.data.key) {
      return onSocket.get(itemKey("entity", line.type, line.data.key));
    }
    return undefined;
  }

  return {
    connect,
    loadLinks: (ref, loadOptions) => load("links", ref, loadOptions) as Promise<Link[]>,
    loadLabel: (ref, loadOptions) => load("entity", ref, loadOptions) as Promise<EntityLabel>,
    revalidateAll: () => {
      // Lookups that then go by the fallback carry `fresh` themselves.
      revalidate = new Set(sent);
      pushed.clear();
    },
  };
}

/** One socket message: the lookups, the hops past each links lookup, and the graph's cap. */
function messageOf(items: readonly Item[], fresh: boolean): LookupMessage {
  const body: LookupMessage = { ...requestBody([...items]) };
  const links = items
    .filter((item) => item.kind === "links")
    .map((item) => (item.ahead ? { ...item.ref, ahead: item.ahead } : item.ref));
  if (links.length > 0) body.links = links;
  const cap = Math.max(0, ...items.map((item) => item.cap ?? 0));
  if (cap > 0) body.cap = cap;
  if (fresh) body.fresh = true;
  return body;
}
