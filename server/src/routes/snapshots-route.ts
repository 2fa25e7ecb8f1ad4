import { randomBytes } from "node:crypto";
import { Router } from "express";
import { z } from "zod";
import {
  STORED_SNAPSHOT_MAX_CHARS,
  type StoredSnapshotResponse,
  type StoreSnapshotBody,
} from "../contract";
import { AppError, badRequest, notFound } from "../errors";
import type { RedisConnection } from "../redis/redis-connection";
import { jsonBody } from "./json-body";
import { describeIssue } from "./lookup-schemas";
import { methodNotAllowed } from "./method-not-allowed";

/** 16 random bytes: 22 base64url characters, not guessable and short enough for a chat line. */
const ID_BYTES = 16;
const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

// lz-string's URI-safe alphabet: anything else cannot be a snapshot the client encoded.
const storeBody = z.strictObject({
  snapshot: z
    .string()
    .min(1)
    .max(STORED_SNAPSHOT_MAX_CHARS)
    .regex(/^[A-Za-z0-9+$-]+$/, "must be an encoded snapshot (letters, digits, +, - and $)"),
});

const unavailable = () =>
  new AppError(
    503,
    "store_unavailable",
    "Snapshots cannot be kept or read right now (the shared store is not answering); copy the link again for the form that carries the graph itself.",
  );

export interface SnapshotsDeps {
  connection: RedisConnection;
  prefix: string;
  ttlMs: number;
}

/**
 * Short snapshot links: the encoded graph kept in Redis under a random id, for a fixed time.
 * Only mounted with `REDIS_URL`; without it the client puts the graph in the link's fragment.
 */
export function snapshotsRouter({ connection, prefix, ttlMs }: SnapshotsDeps): Router {
  const router = Router();
  const keyOf = (id: string) => `${prefix}${id}`;
  router
    .route("/api/snapshots")
    .post(
      // The JSON framing around the largest snapshot kept.
      ...jsonBody("snapshot", STORED_SNAPSHOT_MAX_CHARS + 1_024),
      async (req, res) => {
        const parsed = storeBody.safeParse(req.body);
        if (!parsed.success) throw badRequest(describeIssue(parsed.error, "body"));
        const id = randomBytes(ID_BYTES).toString("base64url");
        const stored = await connection.run((c) =>
          c.set(keyOf(id), parsed.data.snapshot, "PX", ttlMs, "NX"),
        );
        if (stored !== "OK") throw unavailable();
        const answer: StoredSnapshotResponse = { id };
        res.setHeader("Cache-Control", "no-store");
        res.status(201).json(answer);
      },
    )
    .all(methodNotAllowed("POST"));
  router
    .route("/api/snapshots/:id")
    .get(async (req, res) => {
      const id = req.params.id ?? "";
      if (!ID_PATTERN.test(id)) {
        throw badRequest("The snapshot id must be the 22 characters of a snapshot link.");
      }
      const snapshot = await connection.run((c) => c.get(keyOf(id)));
      if (snapshot === undefined) throw unavailable();
      if (snapshot === null) {
        throw notFound(
          "There is no snapshot with this id: it has expired or the link is mistyped.",
        );
      }
      const answer: StoreSnapshotBody = { snapshot };
      // The same id always names the same graph; private, since sign-in may guard it.
      res.setHeader("Cache-Control", "private, max-age=3600, immutable");
      res.json(answer);
    })
    .all(methodNotAllowed("GET"));
  return router;
}
