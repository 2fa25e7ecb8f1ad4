/**
 * `pnpm test:live-load`: many people keep the same incident open in live mode. VIEWERS
 * simulated viewers re-read the whole graph every INTERVAL_S, exactly as the browser does (the
 * client's own Expansion and batch loader, through the BFF's cache), for LIVE_SECONDS (default
 * 120) against the real BFF and simulator. Passes when no entity cost more than one upstream read
 * per cache lifetime (plus the first), from the simulator's request log.
 */
import { Writable } from "node:stream";
import { createBatchLoader } from "../../client/src/features/graph/api/batch-loader";
import { Expansion } from "../../client/src/features/graph/model/expansion";
import { loadConfig } from "../src/config";
import { createBff } from "../src/create-bff";
import { createLogger } from "../src/logger";
import { demoScenario, startSimulator } from "../src/simulator";

const SECONDS = Number(process.env.LIVE_SECONDS ?? 120);
const VIEWERS = Number(process.env.LIVE_VIEWERS ?? 50);
const INTERVAL_S = 2;
/** Short, so two minutes hold many cache lifetimes. */
const TTL_S = 10;
const DEPTH = 3;
const KEYS = { apiKey: "live-load-api-key-51c2", appKey: "live-load-app-key-9e07" };

if (!Number.isInteger(SECONDS) || SECONDS < TTL_S || SECONDS > 600) {
  throw new Error(`LIVE_SECONDS must be a whole number from ${TTL_S} to 600, got ${SECONDS}`);
}

const root = demoScenario.roots[0];
if (!root) throw new Error("the demo scenario has no root");

/** One viewer's re-read: a fresh expansion of the whole view, as live mode does. */
async function read(bffUrl: string): Promise<{ entities: number; failed: number }> {
  const loader = createBatchLoader({ endpoint: `${bffUrl}/api/batch` });
  const expansion = new Expansion({
    root: { type: "CASE", id: root?.id ?? "" },
    depth: DEPTH,
    loadLinks: (ref) => loader.loadLinks(ref),
    loadLabel: (ref) => loader.loadLabel(ref),
  });
  const settled = new Promise<void>((resolve) => {
    expansion.subscribe(() => {
      if (expansion.isSettled()) resolve();
    });
  });
  expansion.start();
  await settled;
  const { entities, failed } = expansion.stats();
  expansion.dispose();
  return { entities, failed };
}

async function viewer(bffUrl: string, until: number, offsetMs: number, totals: Totals) {
  await new Promise((resolve) => setTimeout(resolve, offsetMs));
  while (Date.now() < until) {
    const started = Date.now();
    const { entities, failed } = await read(bffUrl);
    totals.reads++;
    totals.failed += failed;
    totals.entities = Math.max(totals.entities, entities);
    // The next read is due one interval after this one started, as with setInterval.
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, started + INTERVAL_S * 1000 - Date.now())),
    );
  }
}

interface Totals {
  reads: number;
  failed: number;
  entities: number;
}

async function main(): Promise<number> {
  const sim = await startSimulator({ keys: KEYS, knobs: { latencyMs: 20 } });
  const config = loadConfig({
    DD_API_KEY: KEYS.apiKey,
    DD_APP_KEY: KEYS.appKey,
    DD_API_URL: sim.url,
    CASEGRAPH_LINKS_TTL_S: String(TTL_S),
    CASEGRAPH_ENTITIES_TTL_S: String(TTL_S),
    // Every viewer here shares one address; the per-person limit is not what is measured.
    CASEGRAPH_CLIENT_RATE_LIMIT: "1000000",
    LOG_LEVEL: "warn",
  });
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
  const bff = await createBff(config, { logger: createLogger(config.logLevel, quiet) });
  const url = await bff.listen(0, "127.0.0.1");
  const totals: Totals = { reads: 0, failed: 0, entities: 0 };
  const started = Date.now();
  try {
    const until = started + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: VIEWERS }, (_, i) =>
        viewer(url, until, Math.floor((i * INTERVAL_S * 1000) / VIEWERS), totals),
      ),
    );
  } finally {
    await bff.close(0);
    await sim.close();
  }
  const elapsed = (Date.now() - started) / 1000;

  const perLookup = new Map<string, number>();
  for (const request of sim.requests()) {
    const key = request.path === "/api/v2/cases/link" ? `links ${request.entityId}` : request.path;
    perLookup.set(key, (perLookup.get(key) ?? 0) + 1);
  }
  const allowed = Math.ceil(elapsed / TTL_S) + 1;
  const worst = Math.max(0, ...perLookup.values());
  const over = [...perLookup].filter(([, n]) => n > allowed);
  const upstream = [...perLookup.values()].reduce((a, b) => a + b, 0);
  const rows: [string, string][] = [
    ["viewers", String(VIEWERS)],
    ["run", `${elapsed.toFixed(0)} s, a read every ${INTERVAL_S} s each`],
    ["graph", `${totals.entities} entities`],
    ["graph reads by viewers", String(totals.reads)],
    ["failed lookups", String(totals.failed)],
    ["cache lifetime", `${TTL_S} s`],
    ["upstream calls", String(upstream)],
    ["distinct upstream lookups", String(perLookup.size)],
    [
      "most upstream reads of one lookup",
      `${worst} (allowed ${allowed}: one per lifetime + the first)`,
    ],
  ];
  for (const [name, value] of rows) console.log(`${name.padEnd(36)} ${value}`);
  if (over.length > 0) console.error("over the limit:", over.slice(0, 10));
  return over.length === 0 && totals.failed === 0 && totals.reads > VIEWERS ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
