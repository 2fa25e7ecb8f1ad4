import { request } from "node:http";
import { connect } from "node:net";

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The body's bytes as sent (no content coding undone). */
  bytes: Buffer;
}

export interface RawRequest {
  method?: string;
  /** Sent exactly as given: no normalisation of `..`, `//` or percent-encoding. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The local address to send from (127.0.0.2 is a second client on loopback). */
  localAddress?: string;
}

/**
 * One request over a fresh connection with Node's http client, which (unlike fetch) leaves the
 * path alone; characters outside U+0021–U+00FF are refused by Node before sending.
 */
export function rawRequest(baseUrl: string, req: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: hostname,
        port: Number(port),
        method: req.method ?? "GET",
        path: req.path,
        headers: {
          Connection: "close",
          // Node sends DELETE/OPTIONS bodies unframed otherwise, which corrupts the next request.
          ...(req.body !== undefined
            ? { "Content-Length": String(Buffer.byteLength(req.body)) }
            : {}),
          ...req.headers,
        },
        agent: false,
        ...(req.localAddress ? { localAddress: req.localAddress } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const bytes = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: bytes.toString("utf8"),
            bytes,
          });
        });
        res.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    if (req.body !== undefined) outgoing.end(req.body);
    else outgoing.end();
  });
}

/** Bytes on a socket, for what no HTTP client will send (raw CR/LF or NUL in the path). */
export function rawBytes(baseUrl: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () =>
      socket.end(Buffer.from(bytes, "latin1")),
    );
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("end", () => resolve(Buffer.concat(chunks).toString("latin1")));
    socket.on("error", reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error("no answer in 10 s")));
  });
}

/** The error contract: `{"error":{status,code,message}}` with the HTTP status repeated. */
export function errorContractProblem(
  res: RawResponse,
  allowed: readonly number[],
): string | undefined {
  if (!allowed.includes(res.status)) return `status ${res.status} not in ${allowed.join("/")}`;
  const type = String(res.headers["content-type"] ?? "");
  if (!type.startsWith("application/json")) return `content-type ${type}`;
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    return `body is not JSON: ${res.body.slice(0, 80)}`;
  }
  const error = (body as { error?: Record<string, unknown> }).error;
  if (!error || typeof error !== "object") return "no error member";
  if (error.status !== res.status) return `error.status ${String(error.status)} ≠ ${res.status}`;
  if (typeof error.code !== "string" || !/^[a-z_]+$/.test(error.code)) return "bad error.code";
  if (typeof error.message !== "string" || error.message.length === 0) return "empty message";
  if (Object.keys(body as object).length !== 1) return "extra top-level members";
  return undefined;
}
