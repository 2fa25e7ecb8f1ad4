import type { BffProcessOptions } from "../support/child-server";
import { startBff } from "../support/stack";
import { runChild } from "./child-main";

// The BFF alone in its own process, as production runs it, so that its memory and CPU are its
// own: the simulator (argv[2]) and the load generator or browser stay outside it.
const upstreamUrl = process.argv[2];
if (!upstreamUrl) throw new Error("usage: bff-process <simulator url> [options as JSON]");
const options = JSON.parse(process.argv[3] ?? "{}") as BffProcessOptions;

await runChild(() =>
  startBff({
    upstreamUrl,
    ...(options.clientDir ? { clientDir: options.clientDir } : {}),
    ...(options.env ? { env: options.env } : {}),
  }),
);
