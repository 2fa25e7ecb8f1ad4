import autocannon from "autocannon";
import type { BenchOptions } from "./bench-options";
import { type Row, row } from "./report";
import { type ChildServer, startChildServer } from "./support/child-server";
import { httpGet, type RawResponse } from "./support/http-get";
import { generate, SMALL } from "./support/scenarios";
import { startBenchSimulator } from "./support/stack";

const CONNECTIONS = 10;
/** Headers a server sets per connection or per moment; the baseline sends its own. */
const NOT_COPIED = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);

interface Load {
  rps: number;
  p99: number;
  errors: number;
}

/** Loopback load for a bounded time, after a warm-up so both servers run JIT-compiled. */
async function load(url: string, seconds: number, headers: Record<string, string>): Promise<Load> {
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers });
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

function baselineHeaders(response: RawResponse): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (!NOT_COPIED.has(name)) headers[name] = value;
  }
  headers["content-length"] = String(response.body.length);
  return headers;
}

/** The entity with the most links: its answer is the biggest a lookup usually returns. */
function busiestEntity(): string {
  const { scenario } = generate(SMALL);
  const counts = new Map<string, number>();
  for (const link of scenario.links) {
    for (const end of [link.parent, link.child]) {
      if (end.type === "CASE") counts.set(end.id, (counts.get(end.id) ?? 0) + 1);
    }
  }
  const [id] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [""];
  return id;
}

/** Noise on a shared machine only ever slows a server down: keep each side's best round. */
const best = (loads: Load[]): Load =>
  loads.reduce((a, b) => (b.rps > a.rps ? b : a), { rps: 0, p99: 0, errors: 0 });

async function compare(
  bff: ChildServer,
  path: string,
  seconds: number,
  rounds: number,
  requestHeaders: Record<string, string>,
): Promise<{ bff: Load; bare: Load; sample: RawResponse }> {
  const sample = await httpGet(`${bff.url}${path}`, requestHeaders);
  if (sample.status !== 200) throw new Error(`GET ${path} answered ${sample.status}`);
  const bare = await startChildServer("bare-process.ts", [], (send) =>
    send({
      type: "serve",
      headers: baselineHeaders(sample),
      bodyBase64: sample.body.toString("base64"),
    }),
  );
  try {
    const bffLoads: Load[] = [];
    const bareLoads: Load[] = [];
    // Alternating, so that a busy neighbour hurts both sides alike.
    for (let n = 0; n < rounds; n += 1) {
      bffLoads.push(await load(`${bff.url}${path}`, seconds, requestHeaders));
      bareLoads.push(await load(`${bare.url}${path}`, seconds, requestHeaders));
    }
    return { bff: best(bffLoads), bare: best(bareLoads), sample };
  } finally {
    await bare.stop();
  }
}

export async function bffThroughputBench(options: BenchOptions): Promise<Row[]> {
  const seconds = options.quick ? 3 : 10;
  const rounds = options.quick ? 1 : 2;
  const { scenario } = generate(SMALL);
  const sim = await startBenchSimulator(scenario);
  let bff: ChildServer | undefined;
  try {
    bff = await startChildServer("bff-process.ts", [sim.url]);
    const path = `/api/links?entity_type=CASE&entity_id=${busiestEntity()}`;
    const plain = await compare(bff, path, seconds, rounds, {});
    const gzip = await compare(bff, path, seconds, rounds, { "accept-encoding": "gzip" });

    const etag = plain.sample.headers.etag;
    const revalidated = etag ? await httpGet(`${bff.url}${path}`, { "if-none-match": etag }) : null;
    const size = plain.sample.body.length;
    const gzipped = gzip.sample.headers["content-encoding"] === "gzip";
    const notes = [
      `${CONNECTIONS} connections, best of ${rounds} × ${seconds} s, ${size}-byte answer`,
      `ETag ${etag ? "sent" : "MISSING"}, If-None-Match → ${revalidated?.status ?? "n/a"}`,
      `gzip ${gzipped ? `on (${gzip.sample.body.length} bytes)` : "NOT applied"}`,
      `errors ${plain.bff.errors + gzip.bff.errors} (BFF), ${plain.bare.errors + gzip.bare.errors} (bare)`,
    ].join("; ");

    return [
      row({
        section: "throughput",
        figure: "BFF cached /api/links throughput",
        value: plain.bff.rps,
        unit: "req/s",
        reference: { kind: "baseline", value: plain.bare.rps, label: "bare node:http" },
        target: { op: ">=", ratio: 0.7 },
        note: notes,
      }),
      row({
        section: "throughput",
        figure: "BFF cached /api/links p99 latency",
        value: plain.bff.p99,
        unit: "ms",
        reference: { kind: "baseline", value: plain.bare.p99, label: "bare node:http" },
      }),
      row({
        section: "throughput",
        figure: "BFF cached /api/links throughput, gzip",
        value: gzip.bff.rps,
        unit: "req/s",
        reference: { kind: "baseline", value: gzip.bare.rps, label: "bare, same gzip bytes" },
        target: { op: ">=", ratio: 0.7 },
        note: `p99 ${gzip.bff.p99} ms vs ${gzip.bare.p99} ms bare`,
      }),
    ];
  } finally {
    await bff?.stop();
    await sim.close();
  }
}
