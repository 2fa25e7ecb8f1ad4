import type { FromChild, ToChild } from "./messages";

/** Sends to the bench runner; a child without IPC was started by hand and just logs. */
export function tell(message: FromChild): void {
  if (process.send) process.send(message);
  else process.stdout.write(`${JSON.stringify(message)}\n`);
}

/**
 * The shared shape of a bench server process: start, report the URL, answer requests from the
 * runner, and stop when told to or when the runner goes away (so no server outlives a bench).
 */
export async function runChild(
  start: () => Promise<{ url: string; close(): Promise<void> }>,
  onMessage: (message: ToChild) => void = () => {},
): Promise<void> {
  let server: { url: string; close(): Promise<void> } | undefined;
  const stop = async () => {
    await server?.close();
    process.exit(0);
  };
  process.on("disconnect", () => void stop());
  process.on("SIGTERM", () => void stop());
  process.on("message", (message: ToChild) => {
    if (message.type === "stop") void stop();
    else if (message.type === "memory") {
      // Only what is still reachable counts: collect twice, as a finaliser may free more.
      globalThis.gc?.();
      globalThis.gc?.();
      const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
      tell({ type: "memory", rss, heapUsed, external, arrayBuffers });
    } else if (message.type === "cpu") {
      const { user, system } = process.cpuUsage();
      tell({ type: "cpu", ms: (user + system) / 1000 });
    } else onMessage(message);
  });
  try {
    server = await start();
    tell({ type: "ready", url: server.url });
  } catch (error) {
    tell({ type: "error", message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
}
