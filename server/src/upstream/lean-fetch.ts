import { promisify } from "node:util";
import { gunzip, inflate } from "node:zlib";
import { Agent, request } from "undici";

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);

/**
 * The part of a fetch `Response` that the upstream transport and the official Datadog client
 * read: status, headers, and the body once, whole.
 */
export interface LeanResponse {
  status: number;
  statusText: string;
  url: string;
  headers: Headers;
  body: { cancel(): Promise<void> } | null;
  arrayBuffer(): Promise<ArrayBuffer>;
  text(): Promise<string>;
}

/** A complete answer: what the transport hands the Datadog client after reading the body. */
export function leanResponse(
  status: number,
  statusText: string,
  headers: Headers,
  body: ArrayBuffer | null,
  url = "",
): LeanResponse {
  return {
    status,
    statusText,
    url,
    headers,
    body: null,
    arrayBuffer: async () => body ?? new ArrayBuffer(0),
    text: async () => (body ? Buffer.from(body).toString("utf8") : ""),
  };
}

/**
 * The request's headers with one `accept-encoding`, whatever case the caller wrote it in: the
 * Datadog client asks for gzip or deflate, which `decoded` below undoes (request does not).
 */
function headerRecord(headers: RequestInit["headers"]): Record<string, string> {
  const entries: Iterable<readonly [string, string]> =
    headers instanceof Headers
      ? [...headers]
      : Array.isArray(headers)
        ? (headers as [string, string][])
        : Object.entries((headers ?? {}) as Record<string, string>);
  const record: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (name.toLowerCase() !== "accept-encoding") record[name] = value;
  }
  record["accept-encoding"] = "gzip, deflate";
  return record;
}

/** The body as the server meant it: gzip and deflate undone, anything else refused. */
async function decoded(body: ArrayBuffer, encoding: string | null): Promise<ArrayBuffer> {
  const coding = (encoding ?? "identity").trim().toLowerCase();
  if (coding === "identity" || coding === "") return body;
  const bytes = Buffer.from(body);
  const plain =
    coding === "gzip" || coding === "x-gzip"
      ? await gunzipAsync(bytes)
      : coding === "deflate"
        ? await inflateAsync(bytes)
        : undefined;
  if (!plain) {
    throw Object.assign(new Error("unsupported content encoding"), { code: "BAD_ENCODING" });
  }
  return plain.buffer.slice(plain.byteOffset, plain.byteOffset + plain.byteLength) as ArrayBuffer;
}

/** `fetch` as the upstream transport calls it, answering a LeanResponse. */
export type LeanFetch = ((
  input: string | URL | Request,
  init?: RequestInit,
) => Promise<LeanResponse>) & {
  /** Ends the connections kept alive and the calls still in flight; calls after it fail. */
  close(): Promise<void>;
};

/**
 * `fetch` for calls to Datadog over undici's `request`, which skips fetch's web streams and
 * per-call objects (most of the CPU a lookup cost). Redirects are never followed, as with
 * `redirect: "manual"`; the body is read by `arrayBuffer()` or `text()`, or dropped by
 * `body.cancel()`. Connections are kept alive and reused, at most `connections` to an origin:
 * unbounded, undici opens another whenever a call starts before the connection an answer has
 * just freed counts as idle again (412 connections for 256 calls in flight in a read of 1,000
 * entities), and against Datadog each new one is a TLS handshake, in CPU and in round trips.
 */
export function createLeanFetch(options: { connections: number }): LeanFetch {
  // Pipelining off, as for fetch: one call at a time on a connection.
  const agent = new Agent({
    keepAliveTimeout: 10_000,
    connections: options.connections,
    pipelining: 1,
  });
  const leanFetch = (input: string | URL | Request, init: RequestInit = {}) =>
    callOver(agent, input, init);
  // By shutdown nobody waits for the calls still in flight (page read aheads): they end with
  // their connections. (undici's close would wait for them, up to the upstream timeout; and a
  // destroy after a close leaves them hanging.)
  const close = () => agent.destroy();
  return Object.assign(leanFetch, { close });
}

/** One call over `agent`, its answer's body read later, once. */
async function callOver(
  agent: Agent,
  input: string | URL | Request,
  init: RequestInit,
): Promise<LeanResponse> {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  if (init.body !== undefined && init.body !== null && typeof init.body !== "string") {
    throw new TypeError("leanFetch sends only string bodies");
  }
  const answer = await request(url, {
    method: (init.method ?? "GET") as "GET",
    headers: headerRecord(init.headers),
    body: init.body ?? null,
    signal: init.signal ?? undefined,
    dispatcher: agent,
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return {
    status: answer.statusCode,
    statusText: "",
    url,
    headers,
    body: {
      // Discarded without an error event: a destroyed body would emit one, which nobody hears.
      cancel: () => answer.body.dump().catch(() => undefined),
    },
    arrayBuffer: async () =>
      decoded(await answer.body.arrayBuffer(), headers.get("content-encoding")),
    text: async () =>
      Buffer.from(
        await decoded(await answer.body.arrayBuffer(), headers.get("content-encoding")),
      ).toString("utf8"),
  };
}
