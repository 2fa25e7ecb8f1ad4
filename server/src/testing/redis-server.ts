import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, afterEach, beforeAll } from "vitest";
import { createLogger, type Logger } from "../logger";
import { connectRedis, type RedisConnection } from "../redis/redis-connection";

const REDIS_SERVER = process.env.CASEGRAPH_REDIS_SERVER ?? "/usr/bin/redis-server";

export interface RedisServer {
  url: string;
  port: number;
  /** Kills the server (SIGKILL: what a crash or a lost machine looks like to the replicas). */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty (there is no persistence). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A port nothing listens on right now (the kernel picks it; the short race is retried). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function launch(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    REDIS_SERVER,
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--dir",
      dir,
      "--save",
      "",
      "--appendonly",
      "no",
      "--maxmemory",
      "64mb",
      "--maxmemory-policy",
      "allkeys-lru",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (data: unknown) => {
      output += String(data);
      if (output.includes("Ready to accept connections")) {
        child.stdout?.off("data", onData);
        child.stdout?.resume();
        resolve(child);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (data: unknown) => {
      output += String(data);
    });
    child.once("error", (error) => reject(new Error(`${REDIS_SERVER} could not start: ${error}`)));
    child.once("exit", (code) =>
      reject(new Error(`redis-server exited with ${code} before it was ready:\n${output}`)),
    );
  });
}

function ended(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/**
 * Debian's redis-server on a free loopback port, in a temporary directory, without
 * persistence; for tests and benchmarks, which stop it at the end.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), "casegraph-redis-"));
  let port = 0;
  let child: ChildProcess | undefined;
  for (let attempt = 0; attempt < 5 && !child; attempt++) {
    port = await freePort();
    child = await launch(port, dir).catch((error: Error) => {
      if (attempt === 4 || !error.message.includes("Address already in use")) throw error;
      return undefined;
    });
  }
  const kill = async () => {
    if (!child) return;
    const running = child;
    child = undefined;
    running.kill("SIGKILL");
    await ended(running);
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill,
    async restart() {
      await kill();
      child = await launch(port, dir);
    },
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One redis-server for a test file, stopped at its end. */
export function useRedisServer(): () => RedisServer {
  let server: RedisServer | undefined;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(() => server?.stop());
  return () => {
    if (!server) throw new Error("redis-server is not started yet");
    return server;
  };
}

/** A logger whose lines a test can read. */
export function memoryLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger("info", sink), lines };
}

/** Polls until `check` holds (for states that change on their own: reconnects, messages). */
export async function eventually(check: () => boolean | Promise<boolean>, what: string) {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting until ${what}`);
}

/** A replica's connection for a test, kept in `open` so the test closes it; usable once resolved. */
export async function testConnection(
  url: string,
  open: RedisConnection[],
): Promise<RedisConnection> {
  const made = connectRedis({
    url,
    commandTimeoutMs: 200,
    logger: memoryLogger().logger,
    backoffMs: 100,
  });
  open.push(made);
  await eventually(() => made.usable(), "connected");
  return made;
}

/** Connections a test file opens (to its own redis-server unless given a URL), closed after each test. */
export function useTestConnections(
  server: () => RedisServer,
): (url?: string) => Promise<RedisConnection> {
  const open: RedisConnection[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
  });
  return (url) => testConnection(url ?? server().url, open);
}
