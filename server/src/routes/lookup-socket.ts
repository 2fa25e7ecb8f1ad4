import { setMaxListeners } from "node:events";
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { type RawData, type WebSocket, WebSocketServer } from "ws";
import type { Principal } from "../auth/principal";
import {
  type ApiErrorBody,
  type ApiErrorDetail,
  type BatchLine,
  isEntityType,
  LOOKUP_MESSAGE_MAX_BYTES,
  LOOKUP_SOCKET_MAX_IN_FLIGHT,
  LOOKUPS_PATH,
} from "../contract";
import { AppError } from "../errors";
import { answerLookup, type LookupItem, type LookupServices } from "../services/answer-lookup";
import type { LookupRequestContext } from "../services/lookup-request-context";
import { createReadAhead } from "../services/read-ahead";
import { describeIssue, lookupMessageSchema } from "./lookup-schemas";
import { toLookupItems } from "./ndjson-answers";

/** A peer that answers no ping within this long is gone: its lookups are abandoned. */
const HEARTBEAT_MS = 30_000;

export interface LookupSocketDeps {
  services: LookupServices;
  /** Counts one request against the per-client limit; the refusal when the client is over it. */
  countRequest(clientId: string): Promise<AppError | undefined>;
  /** The CSRF check of the HTTP API (create-access.ts), also asked of every upgrade. */
  allowsOrigin?(req: IncomingMessage): boolean;
  /** Origins besides the page's own that may open the socket (the HTTP API's CORS origins). */
  corsOrigins: readonly string[];
  /** Whether the `Host` is one of this server's names (refused with 421 otherwise). */
  hostAllowed?: (host: string | undefined) => boolean;
  /** The client an upgrade is charged to (behind a trusted proxy, the forwarded address). */
  clientIdOf?: (req: IncomingMessage) => string;
  /**
   * Who the upgrade is for (the session cookie or the proxy's header, as for HTTP); undefined:
   * no one, refused with 401. Throws an AppError to refuse with it. Absent: anonymous.
   */
  identify?(req: IncomingMessage): Promise<Principal | undefined>;
  /** Replaces the per-lookup answer (tests of abandoned lookups). */
  answer?: typeof answerLookup;
  maxInFlight?: number;
}

export interface LookupSocket {
  /** Closes every open socket (going away), abandoning their lookups. */
  close(): void;
}

/**
 * The lookup transport without batch slots: one WebSocket per page on `/api/lookups`, each
 * message a few lookups, each answer a line sent the moment it is ready (lines ready together
 * share a frame). Validation, the per-client limit and the error contract are the batch's.
 */
export function attachLookupSocket(server: Server, deps: LookupSocketDeps): LookupSocket {
  const answer = deps.answer ?? answerLookup;
  const maxInFlight = deps.maxInFlight ?? LOOKUP_SOCKET_MAX_IN_FLIGHT;
  const allowedOrigins = new Set(deps.corsOrigins);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: LOOKUP_MESSAGE_MAX_BYTES,
    // Lookups are small and answered from memory; compressing each frame costs more than it saves.
    perMessageDeflate: false,
  });

  server.on("upgrade", async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    const path = (req.url ?? "").split("?")[0];
    if (path !== LOOKUPS_PATH) {
      refuse(socket, 404, "not_found", `There is no WebSocket at ${path?.slice(0, 100)}.`);
      return;
    }
    if (deps.hostAllowed && !deps.hostAllowed(req.headers.host)) {
      refuse(socket, 421, "misdirected_request", "This server does not answer to that host name.");
      return;
    }
    if (!originAllowed(req, allowedOrigins) || (deps.allowsOrigin && !deps.allowsOrigin(req))) {
      refuse(socket, 403, "forbidden", "This origin may not open the lookup socket.");
      return;
    }
    const clientId = deps.clientIdOf?.(req) ?? req.socket.remoteAddress ?? "";
    const limited = await deps.countRequest(clientId);
    if (limited) {
      refuse(socket, 429, limited.code, limited.message, limited.retryAfterSec);
      return;
    }
    let principal: Principal | undefined;
    try {
      principal = await deps.identify?.(req);
    } catch (error) {
      const refused = error instanceof AppError ? error : undefined;
      refuse(
        socket,
        refused?.status ?? 500,
        refused?.code ?? "internal_error",
        refused?.message ?? "The sign-in check failed.",
      );
      return;
    }
    if (deps.identify && !principal) {
      refuse(
        socket,
        401,
        "unauthenticated",
        "Sign in to read cases before opening the lookup socket.",
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, clientId, principal));
  });

  function serve(ws: WebSocket, clientId: string, principal: Principal | undefined): void {
    const abort = new AbortController();
    // Every lookup on the socket listens to this one signal: thousands, by design.
    setMaxListeners(0, abort.signal);
    let inFlight = 0;
    let alive = true;
    const heartbeat = setInterval(() => {
      if (!alive) {
        ws.terminate();
        return;
      }
      alive = false;
      ws.ping();
    }, HEARTBEAT_MS);
    heartbeat.unref();
    ws.on("pong", () => {
      alive = true;
    });
    ws.on("close", () => {
      clearInterval(heartbeat);
      abort.abort();
    });
    ws.on("error", () => ws.terminate());

    // Answers ready in the same turn of the event loop leave as one frame of NDJSON lines, so
    // a burst (cached or coalesced lookups) costs the page one message event, not hundreds.
    let pending: string[] = [];
    const send = (message: BatchLine | ApiErrorBody) => {
      pending.push(JSON.stringify(message));
      if (pending.length === 1) setImmediate(flush);
    };
    const flush = () => {
      const lines = pending;
      pending = [];
      if (ws.readyState === ws.OPEN) ws.send(lines.join("\n"));
    };

    // What the page will ask for next is read as soon as an answer names it, and sent unasked.
    const readAhead = createReadAhead({
      services: deps.services,
      ctx: { clientId, signal: abort.signal, ...(principal ? { principal } : {}) },
      push: send,
      answer,
    });

    ws.on("message", async (data: RawData, isBinary: boolean) => {
      const value = isBinary ? undefined : parseJson(data);
      if (value === undefined) {
        send(errorBody(400, "bad_request", "A lookup message must be a JSON text message."));
        return;
      }
      const limited = await deps.countRequest(clientId);
      if (limited) {
        failEach(value, send, detailOf(limited));
        return;
      }
      const parsed = lookupMessageSchema.safeParse(value);
      if (!parsed.success) {
        const detail = {
          status: 400,
          code: "bad_request",
          message: describeIssue(parsed.error, "message"),
        } as const;
        failEach(value, send, detail);
        return;
      }
      const ctx: LookupRequestContext = {
        clientId,
        signal: abort.signal,
        fresh: parsed.data.fresh ?? false,
        ...(principal ? { principal } : {}),
      };
      if (parsed.data.cap !== undefined) readAhead.setCap(parsed.data.cap);
      for (const item of toLookupItems(parsed.data)) {
        if (inFlight >= maxInFlight) {
          send(
            lineError(item, {
              status: 429,
              code: "rate_limited",
              message: `At most ${maxInFlight} lookups may wait for answers on one connection.`,
              retry_after_s: 1,
            }),
          );
          continue;
        }
        inFlight++;
        readAhead.asked(item);
        void answer(deps.services, item, ctx).then((line) => {
          inFlight--;
          send(line);
          if (item.ahead) readAhead.after(item, line, item.ahead, ctx.fresh);
        });
      }
    });
  }

  return {
    close() {
      for (const ws of wss.clients) ws.close(1001, "server shutting down");
      wss.close();
    },
  };
}

function originAllowed(req: IncomingMessage, allowed: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  // Not a browser (browsers always send Origin on a WebSocket handshake): as for the HTTP API.
  if (origin === undefined) return true;
  if (allowed.has(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function parseJson(data: RawData): unknown {
  try {
    return JSON.parse(String(data));
  } catch {
    return undefined;
  }
}

function errorBody(status: number, code: ApiErrorDetail["code"], message: string): ApiErrorBody {
  return { error: { status, code, message } };
}

function detailOf(error: AppError): ApiErrorDetail {
  const detail: ApiErrorDetail = { status: error.status, code: error.code, message: error.message };
  if (error.retryAfterSec !== undefined) detail.retry_after_s = error.retryAfterSec;
  return detail;
}

function lineError(item: LookupItem, error: ApiErrorDetail): BatchLine {
  return { kind: item.kind, type: item.type, id: item.id, error };
}

/**
 * A refused message is answered per lookup it names, so the asker can fail exactly those;
 * when it names none it can read, with one error body.
 */
function failEach(
  value: unknown,
  send: (message: BatchLine | ApiErrorBody) => void,
  error: ApiErrorDetail,
): void {
  const items = readableItems(value);
  if (items.length === 0) {
    send({ error });
    return;
  }
  for (const item of items) send(lineError(item, error));
}

function readableItems(value: unknown): LookupItem[] {
  if (typeof value !== "object" || value === null) return [];
  const record = value as Record<string, unknown>;
  const items: LookupItem[] = [];
  for (const [field, kind] of [
    ["links", "links"],
    ["entities", "entity"],
  ] as const) {
    const list = record[field];
    if (!Array.isArray(list)) continue;
    for (const ref of list.slice(0, LOOKUP_SOCKET_MAX_IN_FLIGHT)) {
      if (typeof ref !== "object" || ref === null) continue;
      const { type, id } = ref as Record<string, unknown>;
      if (typeof id !== "string" || id.length > 100) continue;
      if (typeof type !== "string" || !isEntityType(type)) continue;
      items.push({ kind, type, id });
    }
  }
  return items;
}

function refuse(
  socket: Duplex,
  status: number,
  code: ApiErrorDetail["code"],
  message: string,
  retryAfterSec?: number,
): void {
  const reason =
    { 403: "Forbidden", 404: "Not Found", 421: "Misdirected Request", 429: "Too Many Requests" }[
      status
    ] ?? "Error";
  const detail: ApiErrorDetail = { status, code, message };
  const body = JSON.stringify({ error: detail } satisfies ApiErrorBody);
  const headers = [
    `HTTP/1.1 ${status} ${reason}`,
    "Content-Type: application/json; charset=utf-8",
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...(retryAfterSec !== undefined ? [`Retry-After: ${retryAfterSec}`] : []),
    "Connection: close",
  ];
  socket.end(`${headers.join("\r\n")}\r\n\r\n${body}`);
}
