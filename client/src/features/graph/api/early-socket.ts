import { EARLY_LOOKUP_SOCKET_GLOBAL } from "@casegraph/server/contract";

/**
 * The lookup socket a case page's HTML opened before the app ran
 * (server/src/http/early-lookup-socket.ts), with what it received before the app took it.
 */
export interface EarlySocket {
  socket: WebSocket;
  messages: MessageEvent[];
}

/**
 * Takes the socket the HTML opened on `url`, once: afterwards (or when there is none, or it was
 * opened on another URL) the loader opens its own. Untaken, a socket opened for nothing is
 * closed, so the page holds one socket only.
 */
export function takeEarlySocket(url: string): EarlySocket | undefined {
  const scope = globalThis as Record<string, unknown>;
  const early = scope[EARLY_LOOKUP_SOCKET_GLOBAL] as
    | { url?: unknown; socket?: unknown; messages?: unknown }
    | undefined;
  if (!early) return undefined;
  delete scope[EARLY_LOOKUP_SOCKET_GLOBAL];
  const { socket, messages } = early;
  if (typeof WebSocket !== "function" || !(socket instanceof WebSocket)) {
    // Not one this page can use (its WebSocket was replaced since): closed all the same.
    (socket as { close?: () => void } | undefined)?.close?.();
    return undefined;
  }
  if (early.url !== url || !Array.isArray(messages)) {
    socket.close();
    return undefined;
  }
  return { socket, messages: messages as MessageEvent[] };
}
