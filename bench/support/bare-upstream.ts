import { writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EntityRef } from "../../server/src/contract";
import { spawnNode } from "../../server/src/testing/spawn-server";
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
    });
    const timer = setTimeout(() => run.child.kill("SIGKILL"), BARE_CLIENT_TIMEOUT_MS);
    const code = await run.exited;
    clearTimeout(timer);
    const last = run.output().trim().split("\n").at(-1) ?? "";
    if (code !== 0) throw new Error(`bare upstream client exited with ${code}: ${last}`);
    const { cpuPerLookupMs } = JSON.parse(last) as { cpuPerLookupMs: number };
    return cpuPerLookupMs;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
