import type { ServerResponse } from "node:http";

export const JSON_API = "application/vnd.api+json";
export const PLAIN_JSON = "application/json";

/** A fully decided HTTP answer, not yet written. */
export interface Reply {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export function jsonReply(status: number, body: unknown, contentType = PLAIN_JSON): Reply {
  return { status, contentType, body: JSON.stringify(body) };
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, {
    ...reply.headers,
    "Content-Type": `${reply.contentType}; charset=utf-8`,
    "Content-Length": Buffer.byteLength(reply.body),
  });
  res.end(reply.body);
}

/** Half the body: any strict prefix of a JSON document fails to parse. */
export function truncatedReply(reply: Reply): Reply {
  return {
    ...reply,
    status: 200,
    body: reply.body.slice(0, Math.max(1, Math.floor(reply.body.length / 2))),
  };
}

/** What a misconfigured proxy in front of the API would send. */
export function htmlReply(reply: Reply): Reply {
  return {
    ...reply,
    status: 200,
    contentType: "text/html",
    body: "<!DOCTYPE html><html><head><title>Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>",
  };
}

/** Promises the full body, sends half, then drops the connection. */
export function writeThenReset(res: ServerResponse, reply: Reply): void {
  const full = Buffer.from(reply.body);
  res.writeHead(200, {
    ...reply.headers,
    "Content-Type": `${reply.contentType}; charset=utf-8`,
    "Content-Length": full.length,
  });
  res.write(full.subarray(0, Math.max(1, Math.floor(full.length / 2))), () => {
    res.socket?.destroy();
  });
}
