import { writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EntityRef } from "../../server/src/contract";
import { spawnNode } from "../../server/src/testing/spawn-server";
import { childNodeFlags } from "./child-server";
import { BENCH_DIR } from "./paths";
import { SIM_KEYS } from "./stack";

/** A run of the baseline client that has not finished in this long has failed. */
const BARE_CLIENT_TIMEOUT_MS = 120_000;

/**
 * CPU per lookup of the bare upstream client (`bench/servers/bare-upstream-client.ts`) making
 * the upstream calls of `refs` against `upstreamUrl`, in a process of its own.
 */
export async function bareClientCpuPerLookup(
  upstreamUrl: string,
  refs: readonly EntityRef[],
): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), "casegraph-bench-"));
  try {
    const refsFile = join(dir, "refs.json");
    writeFileSync(refsFile, JSON.stringify(refs));
    const run = spawnNode({
      script: join(BENCH_DIR, "servers", "bare-upstream-client.ts"),
      args: [upstreamUrl, refsFile, SIM_KEYS.apiKey, SIM_KEYS.appKey],
      env: process.env,
      nodeFlags: childNodeFlags(),
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      run.child.kill("SIGKILL");
    }, BARE_CLIENT_TIMEOUT_MS);
    const code = await run.exited;
    clearTimeout(timer);
    const lines = run.output().trim().split("\n");
    const figures = lines.find((line) => line.startsWith('{"cpuPerLookupMs"'));
    if (code !== 0 || !figures) {
      const why = timedOut
        ? `did not finish within ${BARE_CLIENT_TIMEOUT_MS / 1000} s`
        : `exited with ${code}`;
      throw new Error(`bare upstream client ${why}: ${lines.slice(-20).join("\n")}`);
    }
    return (JSON.parse(figures) as { cpuPerLookupMs: number }).cpuPerLookupMs;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
