import { Redis, type RedisOptions, ReplyError } from "ioredis";
import type { Logger } from "../logger";

export interface RedisConnectionOptions {
  url: string;
  /** Every command answers or fails within this, so a slow Redis never holds up an answer. */
  commandTimeoutMs: number;
  logger: Logger;
  /** After a failed command, Redis is left alone this long before it is tried again. */
  backoffMs?: number;
}

export type RedisHealth = "ok" | "degraded";

type MessageHandler = (message: string) => void;

/**
 * The BFF's two connections to Redis (commands, and pub/sub, which needs its own) and whether
 * sharing is possible right now. Every call goes through `run`, which answers `undefined`
 * instead of failing or waiting when Redis is down, slow or restarting: Redis is an
 * optimisation, never a dependency of an answer.
 */
export interface RedisConnection {
  /**
   * The command result, or `undefined` when Redis is unusable (nothing waits for it). An error
   * Redis itself answered (a reply error) says nothing about its health: it is thrown with
   * `replyErrors: "throw"` and otherwise also answered `undefined`.
   */
  run<T>(
    command: (client: Redis) => Promise<T>,
    options?: { replyErrors?: "throw" },
  ): Promise<T | undefined>;
  /** Both connections are ready and no command failed recently. */
  usable(): boolean;
  health(): RedisHealth;
  /** Messages on a channel (subscribed again by itself after a reconnect). */
  subscribe(channel: string, handler: MessageHandler): void;
  publish(channel: string, message: string): Promise<void>;
  /** Called whenever sharing stops being possible (waiters give up at once). */
  onUnusable(listener: () => void): void;
  close(): Promise<void>;
}

export function connectRedis(options: RedisConnectionOptions): RedisConnection {
  const { logger } = options;
  const backoffMs = options.backoffMs ?? 1_000;
  const common: RedisOptions = {
    // Commands fail at once while disconnected instead of queueing behind a reconnect.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs,
    connectTimeout: 1_000,
    // Reconnect for ever, at most a second apart, so sharing resumes by itself.
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 5), 1_000),
    connectionName: "casegraph",
    // Channels are subscribed again on "ready" below, including ones added while disconnected.
    autoResubscribe: false,
  };
  const client = new Redis(options.url, common);
  // The subscriber waits for messages, never for answers: no command timeout on it.
  const subscriber = new Redis(options.url, { ...common, commandTimeout: undefined });

  const handlers = new Map<string, MessageHandler[]>();
  const unusableListeners: Array<() => void> = [];
  let failedAt = 0;
  let answeredAt = 0;
  let subscribed = false;
  /** What the log last said; nothing until the first connection or its failure. */
  let reported: RedisHealth | undefined;

  const usable = () =>
    client.status === "ready" &&
    subscriber.status === "ready" &&
    subscribed &&
    Date.now() - failedAt > backoffMs;

  // One line per change of state, never one per failed command.
  const report = (startupOver = false) => {
    const now: RedisHealth = usable() ? "ok" : "degraded";
    if (now === reported) return;
    if (reported === undefined && now === "degraded" && !startupOver) return;
    const was = reported;
    reported = now;
    if (now === "degraded") {
      logger.warn("redis is unavailable: answering from this replica's cache and the upstream");
      for (const listener of unusableListeners) listener();
    } else if (was === undefined) logger.info("redis connected: replicas share");
    else logger.info("redis is back: replicas share again");
  };

  const subscribeAll = () => {
    const channels = [...handlers.keys()];
    if (channels.length === 0) {
      subscribed = true;
      report();
      return;
    }
    subscriber.subscribe(...channels).then(
      () => {
        subscribed = true;
        report();
      },
      () => {},
    );
  };

  for (const connection of [client, subscriber]) {
    // Errors surface through `run` and the state lines; ioredis would print each otherwise.
    connection.on("error", () => {});
    connection.on("close", () => {
      if (connection === subscriber) subscribed = false;
      report();
    });
  }
  client.on("ready", () => {
    failedAt = 0;
    answeredAt = Date.now();
    report();
  });
  // Channels are subscribed on every (re)connection, including ones added while Redis was away.
  subscriber.on("ready", subscribeAll);
  subscriber.on("message", (channel: string, message: string) => {
    for (const handler of handlers.get(channel) ?? []) handler(message);
  });
  const startup = setTimeout(() => report(true), 2_000);
  startup.unref();

  return {
    async run(command, runOptions) {
      if (!usable()) return undefined;
      try {
        const answer = await command(client);
        answeredAt = Date.now();
        return answer;
      } catch (error) {
        if (error instanceof (ReplyError as typeof Error)) {
          if (runOptions?.replyErrors === "throw") throw error;
          return undefined;
        }
        // One late answer is not an outage: a busy event loop fires timers before it reads the
        // replies waiting in the socket. Redis is left alone only when nothing has answered for
        // a while (stalled, gone, or unreachable).
        if (client.status === "ready" && Date.now() - answeredAt < backoffMs) return undefined;
        failedAt = Date.now();
        report(true);
        // Once the backoff is over the next command tries again; a success is the recovery.
        setTimeout(report, backoffMs + 10).unref();
        return undefined;
      }
    },
    usable,
    health: () => (usable() ? "ok" : "degraded"),
    subscribe(channel, handler) {
      const list = handlers.get(channel);
      if (list) {
        list.push(handler);
        return;
      }
      handlers.set(channel, [handler]);
      if (subscriber.status === "ready") subscriber.subscribe(channel).catch(() => {});
    },
    async publish(channel, message) {
      await this.run((c) => c.publish(channel, message));
    },
    onUnusable(listener) {
      unusableListeners.push(listener);
    },
    async close() {
      clearTimeout(startup);
      await Promise.allSettled([client.quit(), subscriber.quit()]);
      client.disconnect();
      subscriber.disconnect();
    },
  };
}
