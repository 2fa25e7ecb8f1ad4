import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { runChild } from "./child-main";
import type { ToChild } from "./messages";

/**
 * The socket baseline: node:http with a `ws` server (the BFF's settings) answering every message
 * with the bytes the BFF sent for the same lookup. What the BFF does beyond this (validation,
 * the per-client count, the cache) is what its ratio costs.
 */
let answer: Buffer | undefined;
let listening: ((url: string) => void) | undefined;

const server = createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ server, perMessageDeflate: false, maxPayload: 64 * 1024 });
wss.on("connection", (ws) => {
  ws.on("message", () => {
    if (answer) ws.send(answer, { binary: false });
  });
});

await runChild(
  () =>
    new Promise((resolve) => {
      listening = (url) =>
        resolve({
          url,
          close: () =>
            new Promise<void>((done) => {
              for (const ws of wss.clients) ws.terminate();
              server.close(() => done());
            }),
        });
    }),
  (message: ToChild) => {
    if (message.type !== "serve") return;
    answer = Buffer.from(message.bodyBase64, "base64");
    if (server.listening) return;
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      listening?.(`http://127.0.0.1:${port}`);
    });
  },
);
