import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLeanFetch } from "./lean-fetch";

const ANSWER = JSON.stringify({ data: [{ id: "l1", type: "link" }] });

const leanFetch = createLeanFetch({ connections: 8 });

describe("leanFetch, the HTTP under the Datadog client", () => {
  let server: Server;
  let base: string;
  let seen: IncomingHttpHeaders[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      const path = req.url ?? "/";
      if (path === "/gzip") {
        res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
        res.end(gzipSync(ANSWER));
      } else if (path === "/deflate") {
        res.writeHead(200, { "content-type": "application/json", "content-encoding": "deflate" });
        res.end(deflateSync(ANSWER));
      } else if (path === "/br") {
        res.writeHead(200, { "content-type": "application/json", "content-encoding": "br" });
        res.end("not really brotli");
      } else if (path === "/redirect") {
        res.writeHead(302, { location: "https://elsewhere.example/steal" });
        res.end();
      } else if (path === "/slow") {
        // Holds its connection a little, as an upstream with latency does.
        setTimeout(() => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(ANSWER);
        }, 5);
      } else if (path === "/hang") {
        // Never answers: the caller's abort must end the call.
      } else {
        res.writeHead(200, { "content-type": "application/json", "x-ratelimit-remaining": "7" });
        res.end(ANSWER);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await leanFetch.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("answers status, headers and body, and asks for gzip or deflate once, whatever case the caller used", async () => {
    seen = [];
    const response = await leanFetch(`${base}/plain`, {
      headers: { "Accept-Encoding": "br", "DD-API-KEY": "k" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-ratelimit-remaining")).toBe("7");
    expect(await response.text()).toBe(ANSWER);
    expect(seen[0]?.["accept-encoding"]).toBe("gzip, deflate");
    expect(seen[0]?.["dd-api-key"]).toBe("k");
  });

  it("undoes gzip and deflate, and refuses an encoding it cannot read", async () => {
    expect(await (await leanFetch(`${base}/gzip`)).text()).toBe(ANSWER);
    const deflated = await (await leanFetch(`${base}/deflate`)).arrayBuffer();
    expect(Buffer.from(deflated).toString("utf8")).toBe(ANSWER);
    await expect((await leanFetch(`${base}/br`)).text()).rejects.toMatchObject({
      code: "BAD_ENCODING",
    });
  });

  it("never follows a redirect", async () => {
    const response = await leanFetch(`${base}/redirect`);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("https://elsewhere.example/steal");
    await response.body?.cancel();
  });

  it("ends a call whose caller hangs up as an AbortError", async () => {
    const controller = new AbortController();
    const call = leanFetch(`${base}/hang`, { signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: "AbortError" });
  });

  it("fails a refused connection with its system code", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(leanFetch(`http://127.0.0.1:${port}/`)).rejects.toMatchObject({
      code: "ECONNREFUSED",
    });
  });

  it("sends only string bodies", async () => {
    await expect(
      leanFetch(`${base}/plain`, { method: "POST", body: new Uint8Array([1]) }),
    ).rejects.toThrow(TypeError);
  });

  it("opens no more connections than calls in flight, however many calls follow one another", async () => {
    const bounded = createLeanFetch({ connections: 4 });
    const sockets = new Set<unknown>();
    const onConnection = (socket: unknown) => sockets.add(socket);
    server.on("connection", onConnection);
    try {
      // Four lanes of calls back to back, as the gate releases them: each call starts the
      // moment the one before it has its answer.
      const lane = async () => {
        for (let n = 0; n < 25; n++) {
          const response = await bounded(`${base}/slow`);
          expect(await response.text()).toBe(ANSWER);
        }
      };
      await Promise.all([lane(), lane(), lane(), lane()]);
      expect(sockets.size).toBeGreaterThan(0);
      expect(sockets.size).toBeLessThanOrEqual(4);
    } finally {
      server.off("connection", onConnection);
      await bounded.close();
    }
  });

  it("closes even with a call in flight that would never end, which then fails", async () => {
    const closing = createLeanFetch({ connections: 2 });
    const hanging = closing(`${base}/hang`);
    const outcome = hanging.then(
      () => "answered",
      () => "failed",
    );
    // The call is on its way before the pool closes.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await closing.close();
    expect(await outcome).toBe("failed");
  });
});
