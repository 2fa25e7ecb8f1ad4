import { generateScenario, startSimulator } from "../server/src/simulator";
import { type RedisServer, startRedisServer } from "../server/src/testing/redis-server";
import { startReplicas, viewerLookups } from "../server/src/testing/replicas";
import type { BenchOptions } from "./bench-options";
import { type Row, row } from "./report";

const KEYS = { apiKey: "bench-api-key-6c1d0e", appKey: "bench-app-key-93fa27" };
const VIEWERS = 20;
const CONNECTIONS = 32;
/** The org's upstream concurrency: a total across the replicas sharing through Redis. */
const CONCURRENCY = 8;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Cached lookups as fast as `CONNECTIONS` clients can ask, spread round-robin. */
async function cachedLookups(next: () => string, ids: readonly string[], ms: number) {
  const latencies: number[] = [];
  const end = performance.now() + ms;
  let turn = 0;
  const client = async () => {
    while (performance.now() < end) {
      const id = ids[turn++ % ids.length];
      const started = performance.now();
      const response = await fetch(`${next()}/api/links?entity_type=CASE&entity_id=${id}`);
      await response.arrayBuffer();
      if (response.status === 200) latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, client));
  return { perSecond: latencies.length / (ms / 1000), p99: percentile(latencies, 99) };
}

/**
 * One replica against three sharing through Redis, behind a round-robin client: what 20
 * viewers cost upstream, the most upstream calls they had in flight at once, and how fast
 * cached lookups are answered.
 */
export async function scaleBench(options: BenchOptions): Promise<Row[]> {
  const { scenario } = generateScenario({ seed: 17, entities: 300, depth: 5 });
  const ids = scenario.cases.map((c) => c.id);
  const seconds = options.quick ? 3 : 10;
  const rows: Row[] = [];
  const figures: Record<
    number,
    { calls: number; maxInFlight: number; perSecond: number; p99: number }
  > = {};
  for (const count of [1, 3]) {
    let redis: RedisServer | undefined;
    const sim = await startSimulator({ scenario, keys: KEYS, knobs: { latencyMs: 20 } });
    try {
      redis = count > 1 ? await startRedisServer() : undefined;
      const replicas = await startReplicas({
        count,
        upstreamUrl: sim.url,
        keys: KEYS,
        ...(redis ? { redisUrl: redis.url } : {}),
        env: {
          CASEGRAPH_UPSTREAM_CONCURRENCY: String(CONCURRENCY),
          // Few slots for the viewers' burst: lookups wait their turn instead of a 503.
          CASEGRAPH_QUEUE_WAIT_MAX_MS: "60000",
        },
      });
      try {
        const load = await viewerLookups(replicas.next, ids, { viewers: VIEWERS, chunk: 25 });
        if (load.failed.length > 0) throw new Error(`failed lookups: ${load.failed.slice(0, 3)}`);
        const calls = sim.requests().filter((r) => r.path === "/api/v2/cases/link").length;
        const { maxInFlight } = sim.stats();
        const cached = await cachedLookups(replicas.next, ids, seconds * 1000);
        figures[count] = { calls: calls / ids.length, maxInFlight: maxInFlight.all, ...cached };
      } finally {
        await replicas.stop();
      }
    } finally {
      await redis?.stop();
      await sim.close();
    }
  }
  const one = figures[1];
  const three = figures[3];
  if (!one || !three) return rows;
  rows.push(
    row({
      section: "scale",
      figure: `Link calls per entity, ${VIEWERS} viewers over 3 replicas`,
      value: three.calls,
      unit: "",
      reference: { kind: "baseline", value: one.calls, label: "1 replica" },
      target: { op: "<=", ratio: 1.05 },
    }),
    row({
      section: "scale",
      figure: `Most upstream calls in flight at once, ${VIEWERS} viewers over 3 replicas`,
      value: three.maxInFlight,
      unit: "",
      reference: { kind: "limit", value: CONCURRENCY, label: "CASEGRAPH_UPSTREAM_CONCURRENCY" },
      target: { op: "<=", ratio: 1 },
      note: `1 replica: ${one.maxInFlight}; the slots are shared through Redis`,
    }),
    row({
      section: "scale",
      figure: "Cached lookups per second, 3 replicas",
      value: three.perSecond,
      unit: "req/s",
      reference: { kind: "baseline", value: one.perSecond, label: "1 replica" },
      note: `${CONNECTIONS} connections round-robin; all processes share the machine's cores`,
    }),
    row({
      section: "scale",
      figure: "Cached lookup p99, 3 replicas",
      value: three.p99,
      unit: "ms",
      reference: { kind: "baseline", value: one.p99, label: "1 replica" },
    }),
  );
  return rows;
}
