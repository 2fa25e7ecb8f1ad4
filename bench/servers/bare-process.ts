import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { runChild } from "./child-main";
import type { ToChild } from "./messages";

/**
 * The baseline: node:http answering every request with fixed bytes and headers (those the BFF
 * sent for the same lookup). What the BFF does beyond this is what its throughput ratio costs.
 */
let reply: { headers: Record<string, string>; body: Buffer } | undefined;
let listening: ((url: string) => void) | undefined;

const server = createServer((_req, res) => {
  if (!reply) {
    res.writeHead(503).end();
    return;
  }
  res.writeHead(200, reply.headers);
  res.end(reply.body);
});

await runChild(
  () =>
    new Promise((resolve) => {
      listening = (url) =>
        resolve({
          url,
          close: () =>
            new Promise<void>((done) => {
              server.closeAllConnections();
              server.close(() => done());
            }),
        });
    }),
  (message: ToChild) => {
    if (message.type !== "serve") return;
    reply = { headers: message.headers, body: Buffer.from(message.bodyBase64, "base64") };
    if (server.listening) return;
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      listening?.(`http://127.0.0.1:${port}`);
    });
  },
);
