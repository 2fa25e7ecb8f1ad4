import { EARLY_LOOKUP_SOCKET_GLOBAL } from "@casegraph/server/contract";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { takeEarlySocket } from "./early-socket";

const URL = "ws://casegraph.test/api/lookups";

/** Stands in for the browser's WebSocket, so the HTML's socket is one `instanceof` accepts. */
class FakeWebSocket {
  closed = false;
  close() {
    this.closed = true;
  }
}

const scope = globalThis as Record<string, unknown>;

describe("takeEarlySocket", () => {
  beforeEach(() => {
    vi.stubGlobal("WebSocket", FakeWebSocket);
  });
  afterEach(() => {
    delete scope[EARLY_LOOKUP_SOCKET_GLOBAL];
    vi.unstubAllGlobals();
  });

  it("takes the socket the HTML opened on the URL, with its messages, once", () => {
    const socket = new FakeWebSocket();
    const messages = [{ data: "{}" }];
    scope[EARLY_LOOKUP_SOCKET_GLOBAL] = { url: URL, socket, messages };
    expect(takeEarlySocket(URL)).toEqual({ socket, messages });
    expect(scope[EARLY_LOOKUP_SOCKET_GLOBAL]).toBeUndefined();
    expect(takeEarlySocket(URL)).toBeUndefined();
    expect(socket.closed).toBe(false);
  });

  it("closes a socket opened on another URL rather than keep two", () => {
    const socket = new FakeWebSocket();
    scope[EARLY_LOOKUP_SOCKET_GLOBAL] = {
      url: "ws://elsewhere.test/api/lookups",
      socket,
      messages: [],
    };
    expect(takeEarlySocket(URL)).toBeUndefined();
    expect(socket.closed).toBe(true);
  });

  it("takes nothing when the HTML opened none, or left something that is not a socket", () => {
    expect(takeEarlySocket(URL)).toBeUndefined();
    scope[EARLY_LOOKUP_SOCKET_GLOBAL] = { url: URL, socket: {}, messages: [] };
    expect(takeEarlySocket(URL)).toBeUndefined();
    expect(scope[EARLY_LOOKUP_SOCKET_GLOBAL]).toBeUndefined();
    // A socket made by a WebSocket the page has replaced since: not usable, and closed.
    const stranger = { closed: false, close: () => Object.assign(stranger, { closed: true }) };
    scope[EARLY_LOOKUP_SOCKET_GLOBAL] = { url: URL, socket: stranger, messages: [] };
    expect(takeEarlySocket(URL)).toBeUndefined();
    expect(stranger.closed).toBe(true);
  });
});
