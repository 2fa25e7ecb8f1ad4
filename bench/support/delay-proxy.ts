import { type AddressInfo, createServer, Socket } from "node:net";

export interface DelayProxy {
  url: string;
  close(): Promise<void>;
}

/**
 * A TCP proxy that holds every chunk, both ways, for `oneWayMs` before passing it on: a viewer
 * far from the server. It works below HTTP, so WebSocket frames are delayed like everything else
 * (Chromium's network emulation leaves them alone, which would flatter the socket).
 */
export async function startDelayProxy(targetUrl: string, oneWayMs: number): Promise<DelayProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  const relay = (from: Socket, to: Socket) => {
    // Timers of one duration fire in the order they were set, so bytes keep their order.
    from.on("data", (chunk) => {
      setTimeout(() => {
        if (!to.destroyed) to.write(chunk);
      }, oneWayMs);
    });
    from.on("end", () => setTimeout(() => to.end(), oneWayMs));
    from.on("error", () => to.destroy());
    from.on("close", () => setTimeout(() => to.destroy(), oneWayMs));
  };
  const server = createServer((client) => {
    client.setNoDelay(true);
    const upstream = new Socket();
    upstream.setNoDelay(true);
    upstream.connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    }
    relay(client, upstream);
    relay(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
