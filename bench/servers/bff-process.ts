import { startBff } from "../support/stack";
import { runChild } from "./child-main";

// The BFF alone in its own process, so that its memory and CPU are its own: the simulator
// (argv[2]) and the load generator stay in the bench runner.
const upstreamUrl = process.argv[2];
if (!upstreamUrl) throw new Error("usage: bff-process <simulator url>");

await runChild(() =>
  startBff({
    upstreamUrl,
    // One loopback client sends everything here; the per-client limit would cut the load test.
    env: { CASEGRAPH_CLIENT_RATE_LIMIT: "1000000" },
  }),
);
