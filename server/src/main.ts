import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ConfigError, loadConfig } from "./config";
import { createBff } from "./create-bff";
import { createLogger } from "./logger";

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
  for (const warning of config.warnings) logger.warn({ risk: true }, warning);

  const builtClient = fileURLToPath(new URL("../../client/dist", import.meta.url));
  if (!config.clientDir && existsSync(builtClient)) config.clientDir = builtClient;

  const bff = await createBff(config, {
    logger,
    onRateLimitWait: (waitMs) => logger.warn({ waitMs }, "upstream rate limited; waiting"),
  });
  let url: string;
  try {
    url = await bff.listen(config.port, config.host);
  } catch (error) {
    logger.fatal({ err: { message: (error as Error).message } }, "could not listen");
    process.exit(1);
  }
  logger.info(
    {
      mode: config.mode,
      auth: config.auth.mode,
      site: config.site,
      upstream:
        config.mode === "demo" ? `embedded simulator at ${bff.simulator?.url}` : config.apiUrl,
      client: config.clientDir ?? "not served (run `pnpm build`, or use `pnpm dev`)",
    },
    `casegraph listening on ${url}`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: finishing in-flight requests");
    const grace = setTimeout(
      () => logger.warn("grace period over: closing remaining connections"),
      9_900,
    );
    grace.unref();
    await bff.close();
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

await main();
