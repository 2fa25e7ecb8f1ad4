import type { Server } from "node:http";
import type { ApiErrorBody } from "../contract";

/**
 * A request must arrive whole (its body included) within `deadlineMs` of its headers: a body
 * that never ends does not hold a connection, also when it was answered before it was read (a
 * 429, say). Answered 408 in the error contract where nothing was sent yet; the connection is
 * closed either way.
 *
 * Node's own `requestTimeout` cannot be this bound: for a connection's first request it counts
 * from when the connection opened, so it also answers 408 on a connection a browser opened
 * before it needed it. The browser then reads that 408 as the answer to the next request it
 * sends there (seen as a page whose script "timed out" when 20 people opened one link on a busy
 * server). Node's timeouts are left to bound the idle connection and slow headers
 * (`CONNECTION_IDLE_MS` in `create-bff.ts`).
 */
export function enforceRequestDeadline(server: Server, deadlineMs: number): void {
  server.on("request", (req, res) => {
    // Even a bodiless GET is not `complete` yet here: the parser finishes it after this event.
    const timer = setTimeout(() => {
      if (req.complete) return;
      if (res.headersSent) {
        req.socket.destroy();
        return;
      }
      const seconds = Math.round(deadlineMs / 1000);
      const body: ApiErrorBody = {
        error: {
          status: 408,
          code: "request_timeout",
          message: `The request did not arrive whole within ${seconds} s.`,
        },
      };
      const text = JSON.stringify(body);
      res.writeHead(408, {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Length": Buffer.byteLength(text),
        Connection: "close",
      });
      // The rest of the body is not waited for.
      res.end(text, () => req.socket.destroy());
    }, deadlineMs);
    timer.unref();
    // Answered and whole: nothing left to wait for. Answered early, the body still has its 5 s.
    res.once("close", () => {
      if (req.complete) clearTimeout(timer);
    });
  });
}
