import { Agent, request } from "undici";

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

// Keep-alive connections to the upstream, reused across calls; pipelining off, as for fetch.
const agent = new Agent({ keepAliveTimeout: 10_000, connections: null, pipelining: 1 });

function headerRecord(headers: RequestInit["headers"]): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers);
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  return headers as Record<string, string>;
}

/**
 * `fetch` for calls to Datadog over undici's `request`, which skips fetch's web streams and
 * per-call objects (most of the CPU a lookup cost). Redirects are never followed, as with
 * `redirect: "manual"`; the body is read by `arrayBuffer()` or `text()`, or dropped by
 * `body.cancel()`.
 */
export async function leanFetch(
  input: string | URL | Request,
  init: RequestInit = {},
): Promise<LeanResponse> {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const answer = await request(url, {
    method: (init.method ?? "GET") as "GET",
    // Bodies are read as they come: fetch would decompress, request does not. Datadog's
    // answers to lookups are a few KB, so nothing is lost by asking for them plain.
    headers: { ...headerRecord(init.headers), "accept-encoding": "identity" },
    body: typeof init.body === "string" ? init.body : null,
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
      cancel: async () => {
        answer.body.destroy();
      },
    },
    arrayBuffer: () => answer.body.arrayBuffer(),
    text: () => answer.body.text(),
  };
}
