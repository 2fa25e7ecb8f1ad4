/**
 * `pnpm test:load`: 100 connections for LOAD_SECONDS (default 60) against the real BFF process,
 * on loopback, mixing cached and uncached lookups, batches and page loads. Prints a table and
 * exits non-zero when the BFF itself failed any response.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { generateScenario, startSimulator } from "../src/simulator";
import { countExpansionRequests } from "./expansion-requests";

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 100);
const ENTITIES = 5_000;
const DEPTH = 6;
/** What the run sets CASEGRAPH_CLIENT_RATE_LIMIT to: every connection here is one address. */
const LOAD_RATE_LIMIT = 1_000_000;
/** The production default, checked against one person's expansion below. */
const DEFAULT_RATE_LIMIT = 6_000;
const KEYS = { apiKey: "load-api-key-3b9e51d7", appKey: "load-app-key-c04a86f2" };

if (!Number.isInteger(SECONDS) || SECONDS < 1 || SECONDS > 600) {
  throw new Error(
    `LOAD_SECONDS must be a whole number from 1 to 600, got ${process.env.LOAD_SECONDS}`,
  );
}

const here = path.dirname(fileURLToPath(import.meta.url));
const mainPath = path.join(here, "../src/main.ts");
const builtClient = path.join(here, "../../client/dist");

interface Server {
  url: string;
  child: ChildProcess;
  keyLeaked: () => boolean;
  tail: () => string;
  stop(): Promise<number | null>;
}

async function startServer(upstreamUrl: string, env: NodeJS.ProcessEnv): Promise<Server> {
  // tsx as a loader, not a wrapper process: SIGTERM then reaches the server itself.
  const child = spawn(process.execPath, ["--import", "tsx", mainPath], {
    cwd: path.join(here, ".."),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "info",
      DD_API_KEY: KEYS.apiKey,
      DD_APP_KEY: KEYS.appKey,
      DD_API_URL: upstreamUrl,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let head = "";
  let tail = "";
  let leaked = false;
  const watch = (chunk: Buffer) => {
    const text = String(chunk);
    if (head.length < 20_000) head += text;
    tail = (tail + text).slice(-4000);
    if (text.includes(KEYS.apiKey) || text.includes(KEYS.appKey)) leaked = true;
  };
  child.stdout?.on("data", watch);
  child.stderr?.on("data", watch);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  for (let i = 0; i < 400; i++) {
    const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(head);
    if (match?.[1]) {
      return {
        url: match[1],
        child,
        keyLeaked: () => leaked,
        tail: () => tail,
        stop: async () => {
          child.kill("SIGTERM");
          return exited;
        },
      };
    }
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill("SIGKILL");
  throw new Error(`the BFF did not start:\n${head}`);
}

function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

type Kind =
  | "links-hot"
  | "links-cold"
  | "links-unknown"
  | "entity"
  | "entity-unknown"
  | "batch"
  | "page";

/** Share of requests per kind, in percent. */
const MIX: [Kind, number][] = [
  ["links-hot", 35],
  ["links-cold", 20],
  ["entity", 15],
  ["batch", 10],
  ["page", 12],
  ["links-unknown", 4],
  ["entity-unknown", 4],
];

async function main(): Promise<void> {
  const { scenario, rootId } = generateScenario({ seed: 7, entities: ENTITIES, depth: DEPTH });
  const caseIds = scenario.cases.map((c) => c.id);
  const incidentIds = scenario.incidents.map((i) => i.id);
  const hot = caseIds.slice(0, 50);
  // Ids no entity has: links answer [], labels 404 (which is an answer, not a failure).
  const unknown = Array.from(
    { length: 20 },
    (_, i) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`,
  );
  const sim = await startSimulator({
    scenario,
    keys: KEYS,
    knobs: { latencyMs: 20, jitterMs: 5 },
    logCapacity: 1_000_000,
  });

  let clientDir = existsSync(path.join(builtClient, "index.html")) ? builtClient : undefined;
  let tempClient: string | undefined;
  if (!clientDir) {
    tempClient = mkdtempSync(path.join(tmpdir(), "casegraph-load-client-"));
    writeFileSync(path.join(tempClient, "index.html"), "<!doctype html><title>casegraph</title>");
    clientDir = tempClient;
  }

  // 1. One person expanding the whole 5,000-entity graph on a cold BFF with the default limit.
  process.stdout.write(`expanding a ${ENTITIES}-entity graph as the browser does…\n`);
  const cold = await startServer(sim.url, { CASEGRAPH_CLIENT_DIR: clientDir });
  const expansion = await countExpansionRequests(cold.url, rootId, DEPTH);
  await cold.stop();
  sim.clearRequests();

  // 2. The load run.
  const linksTtlS = String(SECONDS + 120);
  const bff = await startServer(sim.url, {
    CASEGRAPH_CLIENT_DIR: clientDir,
    CASEGRAPH_CLIENT_RATE_LIMIT: String(LOAD_RATE_LIMIT),
    // Likewise its budget of upstream lookups and its queue: here they are everyone's.
    CASEGRAPH_CLIENT_LOOKUP_BUDGET: String(LOAD_RATE_LIMIT * 10),
    CASEGRAPH_CLIENT_QUEUE_MAX: String(LOAD_RATE_LIMIT),
    // Longer than the run, so upstream calls against distinct entities measure coalescing.
    CASEGRAPH_LINKS_TTL_S: linksTtlS,
    CASEGRAPH_ENTITIES_TTL_S: linksTtlS,
  });
  // Warm the hot set so that it is really served from the cache.
  await Promise.all(
    hot.map((id) =>
      fetch(`${bff.url}/api/links?entity_type=CASE&entity_id=${id}`).then((r) => r.text()),
    ),
  );
  const rssBefore = rssMb(bff.child.pid);

  const linkEntities = new Set<string>(hot);
  const labelEntities = new Set<string>();
  const byKind = new Map<Kind, Map<number, number>>();
  let batchErrorLines = 0;
  let random = 12345;
  const next = () => {
    random = (random * 1103515245 + 12345) % 2 ** 31;
    return random / 2 ** 31;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const total = MIX.reduce((sum, [, share]) => sum + share, 0);
  const pickKind = (): Kind => {
    let roll = next() * total;
    for (const [kind, share] of MIX) {
      roll -= share;
      if (roll < 0) return kind;
    }
    return "links-hot";
  };

  process.stdout.write(`load: ${CONNECTIONS} connections for ${SECONDS} s…\n`);
  const result = await autocannon({
    url: bff.url,
    connections: CONNECTIONS,
    duration: SECONDS,
    timeout: 30,
    requests: [
      {
        setupRequest: (req, context) => {
          const kind = pickKind();
          (context as { kind?: Kind }).kind = kind;
          const get = (p: string) => ({ ...req, method: "GET" as const, path: p, body: undefined });
          switch (kind) {
            case "links-hot":
              return get(`/api/links?entity_type=CASE&entity_id=${pick(hot)}`);
            case "links-cold": {
              const id = pick(caseIds);
              linkEntities.add(id);
              return get(`/api/links?entity_type=CASE&entity_id=${id}`);
            }
            case "links-unknown":
              return get(`/api/links?entity_type=CASE&entity_id=${pick(unknown)}`);
            case "entity": {
              const incident = incidentIds.length > 0 && next() < 0.1;
              const id = incident ? pick(incidentIds) : pick(caseIds);
              labelEntities.add(id);
              return get(`/api/entities/${incident ? "INCIDENT" : "CASE"}/${id}`);
            }
            case "entity-unknown":
              return get(`/api/entities/CASE/${pick(unknown)}`);
            case "page": {
              // The page's preview looks up the root's label, and the page warms the root's links
              // for the lookups its HTML preloads.
              const id = pick(caseIds);
              labelEntities.add(id);
              linkEntities.add(id);
              return get(`/cases/${id}`);
            }
            case "batch": {
              const items = Array.from({ length: 20 }, () => ({ type: "CASE", id: pick(caseIds) }));
              for (const item of items.slice(0, 10)) linkEntities.add(item.id);
              for (const item of items.slice(10)) labelEntities.add(item.id);
              return {
                ...req,
                method: "POST" as const,
                path: "/api/batch",
                headers: { "content-type": "application/json" },
                body: JSON.stringify({ links: items.slice(0, 10), entities: items.slice(10) }),
              };
            }
          }
        },
        onResponse: (status, body, context) => {
          const kind = (context as { kind?: Kind }).kind ?? "links-hot";
          const counts = byKind.get(kind) ?? new Map<number, number>();
          counts.set(status, (counts.get(status) ?? 0) + 1);
          byKind.set(kind, counts);
          if (kind === "batch" && body.includes('"error"')) {
            batchErrorLines += body.split("\n").filter((l) => l.includes('"error"')).length;
          }
        },
      },
    ],
  });

  const rssAfter = rssMb(bff.child.pid);
  const requests = sim.requests();
  const linkCalls = requests.filter((r) => r.path === "/api/v2/cases/link");
  const knownLinkCalls = linkCalls.filter((r) => !unknown.includes(r.entityId ?? ""));
  const labelCalls = requests.filter(
    (r) => r.path !== "/api/v2/cases/link" && !unknown.includes(r.entityId ?? ""),
  );
  const unknownLabelCalls = requests.filter(
    (r) => r.path !== "/api/v2/cases/link" && unknown.includes(r.entityId ?? ""),
  );
  const exitCode = await bff.stop();
  await sim.close();
  if (tempClient) rmSync(tempClient, { recursive: true, force: true });

  // What counts as the BFF failing: 5xx, connection errors and timeouts, any status other
  // than the expected ones per kind, and error lines inside batch answers.
  const expected: Record<Kind, number[]> = {
    "links-hot": [200],
    "links-cold": [200],
    "links-unknown": [200],
    entity: [200],
    "entity-unknown": [404],
    batch: [200],
    page: [200],
  };
  let unexpected = 0;
  let fiveXx = 0;
  let answered = 0;
  for (const [kind, counts] of byKind) {
    for (const [status, n] of counts) {
      answered += n;
      if (status >= 500) fiveXx += n;
      if (!expected[kind].includes(status)) unexpected += n;
    }
  }
  const failures = unexpected + result.errors + result.timeouts + batchErrorLines;

  const rows: [string, string][] = [
    ["duration / connections", `${SECONDS} s / ${CONNECTIONS}`],
    ["requests answered", String(answered)],
    ["throughput", `${Math.round(result.requests.average)} req/s`],
    [
      "latency p50 / p99 / max",
      `${result.latency.p50} / ${result.latency.p99} / ${result.latency.max} ms`,
    ],
    ["5xx from the BFF", String(fiveXx)],
    ["connection errors / timeouts", `${result.errors} / ${result.timeouts}`],
    ["unexpected statuses (any kind)", String(unexpected)],
    ["error lines inside batch answers", String(batchErrorLines)],
    [
      "upstream link calls vs distinct entities",
      `${knownLinkCalls.length} calls for ${linkEntities.size} entities`,
    ],
    [
      "upstream label calls vs distinct entities",
      `${labelCalls.length} calls for ${labelEntities.size} entities (+${unknownLabelCalls.length} for 404s, which are not cached)`,
    ],
    ["BFF RSS before / after", `${rssBefore} MB / ${rssAfter} MB`],
    ["BFF exit on SIGTERM", String(exitCode)],
    ["key seen in BFF output", bff.keyLeaked() || cold.keyLeaked() ? "YES" : "no"],
    [
      `one person expanding ${expansion.entities} entities`,
      `${expansion.batchRequests} batch requests (${expansion.failed} failed) in ${Math.round(expansion.ms)} ms`,
    ],
    [
      "per-client limit margin",
      `${DEFAULT_RATE_LIMIT}/min allows ${(DEFAULT_RATE_LIMIT / Math.max(1, expansion.batchRequests + 2)).toFixed(1)}× that expansion (+ config and root label) per minute`,
    ],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write("\ncasegraph load run\n");
  for (const [k, v] of rows) process.stdout.write(`  ${k.padEnd(width)}  ${v}\n`);
  process.stdout.write("\nstatus codes by kind:\n");
  for (const [kind, counts] of byKind) {
    const shown = [...counts].map(([s, n]) => `${s}×${n}`).join(" ");
    process.stdout.write(`  ${kind.padEnd(15)} ${shown}\n`);
  }

  const problems: string[] = [];
  if (failures > 0) problems.push(`the BFF failed ${failures} responses`);
  if (answered === 0) problems.push("nothing was answered");
  if (knownLinkCalls.length > linkEntities.size)
    problems.push("more upstream link calls than distinct entities: coalescing or caching broke");
  if (exitCode !== 0) problems.push(`the BFF exited ${exitCode} on SIGTERM:\n${bff.tail()}`);
  if (bff.keyLeaked() || cold.keyLeaked()) problems.push("a key appeared in the BFF's output");
  if (expansion.failed > 0 || expansion.entities < ENTITIES)
    problems.push(
      `the expansion showed ${expansion.entities} entities with ${expansion.failed} failures`,
    );
  if (expansion.batchRequests + 2 > DEFAULT_RATE_LIMIT)
    problems.push("one person's expansion would hit the default per-client rate limit");
  if (problems.length > 0) {
    process.stdout.write(`\nFAILED: ${problems.join("; ")}\n`);
    process.exit(1);
  }
  process.stdout.write("\nOK: no failed responses from the BFF\n");
}

await main();
