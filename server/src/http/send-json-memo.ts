import { createHash } from "node:crypto";
import type { Request, Response } from "express";

interface Serialized {
  body: string;
  etag: string;
}

/**
 * Cached answers are sent many times (every viewer of an incident asks for the same entities):
 * serialise each one and hash its ETag once, not on every request.
 */
export function createJsonMemo<K extends object>() {
  const memo = new WeakMap<K, Serialized>();
  return function sendMemoised(req: Request, res: Response, key: K, build: () => unknown): void {
    let serialized = memo.get(key);
    if (!serialized) {
      const body = JSON.stringify(build());
      const hash = createHash("sha1").update(body).digest("base64url").slice(0, 27);
      serialized = { body, etag: `W/"${Buffer.byteLength(body).toString(16)}-${hash}"` };
      memo.set(key, serialized);
    }
    res.setHeader("ETag", serialized.etag);
    res.type("application/json");
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.send(serialized.body);
  };
}
