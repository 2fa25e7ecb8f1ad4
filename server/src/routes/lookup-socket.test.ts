import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { type ApiErrorBody, LOOKUP_MESSAGE_MAX_BYTES } from "../contract";
import { createLogger } from "../logger";
import type { LookupServices } from "../services/answer-lookup";
import type { LookupRequestContext } from "../services/lookup-request-context";
import { demoScenario } from "../simulator";
import { connect } from "../testing/lookup-socket-client";
import { type RunningBff, startBff, upstreamLinkCalls, useFreshBff } from "../testing/start-bff";
import { attachLookupSocket } from "./lookup-socket";

const roots = demoScenario.roots;
const first = roots[0];
const second = roots[1];
if (!first || !second) throw new Error("the demo scenario needs two roots");

/** The handshake's HTTP answer when the server refuses to upgrade. */
function refusal(url: string, headers: Record<string, string>) {
  const ws = new WebSocket(`${url.replace(/^http/, "ws")}/api/lookups`, { headers });
  return new Promise<{ status: number; body: ApiErrorBody }>((resolve, reject) => {
    ws.once("open", () => reject(new Error("the socket opened")));
    ws.once("unexpected-response", (_req, res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => {
        text += chunk;
      });
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as ApiErrorBody }),
      );
    });
  });
}

describe("the lookup socket", () => {
  const bff = useFreshBff();
  const sockets: Array<{ ws: WebSocket }> = [];
  const open = async (headers?: Record<string, string>) => {
    const socket = await connect(bff().url, headers);
    sockets.push(socket);
    return socket;
  };
  afterEach(() => {
    for (const { ws } of sockets.splice(0)) ws.terminate();
  });

  it("answers each lookup with its own message, as the batch would", async () => {
    const socket = await open();
    socket.send({
      links: [{ type: "CASE", id: first.id }],
      entities: [{ type: "CASE", id: first.id }],
    });
    const answers = await socket.next(2);
    const links = answers.find((a) => "kind" in a && a.kind === "links");
    const label = answers.find((a) => "kind" in a && a.kind === "entity");
    const http = (await (
      await fetch(`${bff().url}/api/links?entity_type=CASE&entity_id=${first.id}`)
    ).json()) as { data: unknown[] };
    expect(links && "data" in links ? links.data : undefined).toEqual(http.data);
    expect(label && "data" in label ? label.data : undefined).toMatchObject({ key: first.key });
  });

  it("sends the first answer while a slower lookup of the same message is still out", async () => {
    bff().sim.setKnobs({ faults: { [second.id]: "hang" } });
    const socket = await open();
    socket.send({
      links: [
        { type: "CASE", id: second.id },
        { type: "CASE", id: first.id },
      ],
    });
    const [answer] = await socket.next(1);
    expect(answer).toMatchObject({ kind: "links", id: first.id });
  });

  it("refuses invalid lookups in the error contract, naming what was wrong, without an upstream call", async () => {
    const socket = await open();
    socket.send({ links: [{ type: "CASE", id: "not-a-uuid" }] });
    socket.send("this is not JSON");
    socket.send(JSON.stringify({ lookups: [] }));
    // Each is answered as soon as it is read, so not necessarily in the order sent.
    const answers = await socket.next(3);
    const invalid = answers.find((a) => "kind" in a);
    const unreadable = answers.find((a) => !("kind" in a) && a.error.message.includes("JSON"));
    const unknownField = answers.find((a) => !("kind" in a) && a.error.message.includes("lookups"));
    expect(invalid).toEqual({
      kind: "links",
      type: "CASE",
      id: "not-a-uuid",
      error: { status: 400, code: "bad_request", message: "links.0.id: must be a UUID." },
    });
    expect(unreadable).toEqual({
      error: {
        status: 400,
        code: "bad_request",
        message: "A lookup message must be a JSON text message.",
      },
    });
    expect(unknownField).toMatchObject({ error: { status: 400, code: "bad_request" } });
    expect(upstreamLinkCalls(bff().sim)).toHaveLength(0);
  });

  it("closes a socket whose message is larger than the batch body limit", async () => {
    const socket = await open();
    socket.send(" ".repeat(LOOKUP_MESSAGE_MAX_BYTES + 1));
    expect(await socket.closed).toBe(1009);
  });

  it("reads past the server's cache when a message asks for fresh answers", async () => {
    const socket = await open();
    socket.send({ links: [{ type: "CASE", id: first.id }] });
    await socket.next(1);
    socket.send({ links: [{ type: "CASE", id: first.id }] });
    await socket.next(2);
    expect(upstreamLinkCalls(bff().sim, first.id)).toHaveLength(1);
    socket.send({ links: [{ type: "CASE", id: first.id }], fresh: true });
    await socket.next(3);
    expect(upstreamLinkCalls(bff().sim, first.id)).toHaveLength(2);
  });

  it("lets the page's own origin open it and refuses another, in the error contract", async () => {
    const host = new URL(bff().url).host;
    await open({ Origin: `http://${host}` });
    const refused = await refusal(bff().url, { Origin: "http://evil.example" });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ status: 403, code: "forbidden" });
  });
});

describe("the lookup socket's per-client limit", () => {
  let bff: RunningBff | undefined;
  afterEach(async () => {
    await bff?.close();
  });

  it("counts the handshake and each message with the HTTP API's requests", async () => {
    bff = await startBff({ env: { CASEGRAPH_CLIENT_RATE_LIMIT: "3" } });
    const socket = await connect(bff.url);
    // The handshake was one request; an HTTP request is the second.
    expect((await fetch(`${bff.url}/api/entities/CASE/${first.id}`)).status).toBe(200);
    socket.send({ links: [{ type: "CASE", id: first.id }] });
    socket.send({ links: [{ type: "CASE", id: second.id }] });
    const answers = await socket.next(2);
    const allowed = answers.find((a) => "id" in a && a.id === first.id);
    const limited = answers.find((a) => "id" in a && a.id === second.id);
    expect(allowed).toMatchObject({ kind: "links", id: first.id, data: expect.any(Array) });
    expect(limited).toMatchObject({
      kind: "links",
      id: second.id,
      error: { status: 429, code: "rate_limited", retry_after_s: expect.any(Number) },
    });
    expect((await fetch(`${bff.url}/api/entities/CASE/${first.id}`)).status).toBe(429);
    const refused = await refusal(bff.url, {});
    expect(refused.status).toBe(429);
    socket.ws.terminate();
  });
});

describe("the lookup socket's lookups in flight", () => {
  /** A server whose lookups never finish, recording their contexts. */
  async function startHanging(maxInFlight: number) {
    const server = createServer();
    const contexts: LookupRequestContext[] = [];
    const services = { logger: createLogger("silent") } as unknown as LookupServices;
    const socket = attachLookupSocket(server, {
      services,
      countRequest: async () => undefined,
      corsOrigins: [],
      maxInFlight,
      answer: (_services, _item, ctx) => {
        contexts.push(ctx);
        return new Promise(() => {});
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
      url,
      contexts,
      close: () => {
        socket.close();
        return new Promise((resolve) => server.close(resolve));
      },
    };
  }

  it("answers lookups past the bound 429 at once, and abandons the rest when the socket closes", async () => {
    const server = await startHanging(2);
    try {
      const socket = await connect(server.url);
      socket.send({
        links: [first, second].map((r) => ({ type: "CASE" as const, id: r.id })),
        entities: [{ type: "CASE", id: first.id }],
      });
      const [past] = await socket.next(1);
      expect(past).toMatchObject({
        kind: "entity",
        id: first.id,
        error: { status: 429, code: "rate_limited" },
      });
      expect(server.contexts).toHaveLength(2);
      expect(server.contexts.every((ctx) => !ctx.signal.aborted)).toBe(true);
      socket.ws.close();
      await Promise.all(
        server.contexts.map(
          (ctx) =>
            new Promise<void>((resolve) => {
              if (ctx.signal.aborted) resolve();
              else ctx.signal.addEventListener("abort", () => resolve());
            }),
        ),
      );
      expect(server.contexts.every((ctx) => ctx.signal.aborted)).toBe(true);
    } finally {
      await server.close();
    }
  });
});
