import { existsSync } from "node:fs";
import type { Server } from "node:http";
import { fileURLToPath } from "node:url";
import { createApp } from "./app";
import { ConfigError, loadConfig } from "./config";
import { createLogger } from "./logger";
import { demoScenario, startSimulator } from "./simulator";
import { createDatadogClient } from "./upstream/datadog-client";
import { createUpstreamFetch } from "./upstream/upstream-fetch";

const GRACE_MS = 10_000;
/** Demo mode needs key headers for the simulator's check; these are not secrets. */
const DEMO_CREDENTIALS = { apiKey: "demo-api-key", appKey: "demo-app-key" };

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);

  const builtClient = fileURLToPath(new URL("../../client/dist", import.meta.url));
  if (!config.clientDir && existsSync(builtClient)) config.clientDir = builtClient;

  const simulator =
    config.mode === "demo"
      ? await startSimulator({
          scenario: demoScenario,
          port: config.simPort,
          keys: DEMO_CREDENTIALS,
        })
      : undefined;
  const upstreamUrl = simulator?.url ?? config.apiUrl;
  if (!upstreamUrl) throw new Error("no upstream URL");
  const credentials = config.credentials ?? DEMO_CREDENTIALS;

  const transport = createUpstreamFetch({
    concurrency: config.upstream.concurrency,
    timeoutMs: config.upstream.timeoutMs,
    rateLimitWaitMaxMs: config.upstream.rateLimitWaitMaxMs,
    onRateLimitWait: (waitMs) => logger.warn({ waitMs }, "upstream rate limited; waiting"),
  });
  const upstream = createDatadogClient({ baseUrl: upstreamUrl, credentials, transport });
  const { app } = createApp({
    config,
    logger,
    upstream,
    ...(simulator ? { demoRoots: simulator.scenario.roots } : {}),
  });

  const server: Server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    logger.info(
      {
        mode: config.mode,
        site: config.site,
        upstream: config.mode === "demo" ? `embedded simulator at ${upstreamUrl}` : upstreamUrl,
        client: config.clientDir ?? "not served (run `pnpm build`, or use `pnpm dev`)",
      },
      `casegraph listening on http://${config.host}:${port}`,
    );
  });
  server.on("error", (error) => {
    logger.fatal({ err: { message: error.message } }, "could not listen");
    process.exit(1);
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: finishing in-flight requests");
    // Stop accepting; idle keep-alive sockets would otherwise hold the server open.
    server.close(async () => {
      await simulator?.close();
      logger.info("stopped");
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => {
      logger.warn("grace period over: closing remaining connections");
      server.closeAllConnections();
    }, GRACE_MS).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

await main();
