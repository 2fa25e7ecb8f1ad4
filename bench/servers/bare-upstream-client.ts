import { readFileSync } from "node:fs";
import { Agent, request } from "undici";

/**
 * The baseline of the BFF's CPU per cold lookup: the same upstream calls (links and label of
 * each entity) made with undici's `request` over keep-alive connections (at most one per call
 * in flight), as the BFF's transport makes them, and nothing else: no Datadog client, no
 * budgets, no cache, no socket. The first half of the entities warms the code up; the second is
 * measured, as in the BFF's row. Prints `{"cpuPerLookupMs": …, "calls": …}` and exits.
 *
 * Arguments: the simulator's URL, a JSON file of `{ type, id }` entities, the two keys.
 */
const [upstream, refsFile, apiKey, appKey] = process.argv.slice(2);
if (!upstream || !refsFile || !apiKey || !appKey) {
  throw new Error("usage: bare-upstream-client <upstream url> <refs.json> <api key> <app key>");
}
const refs: { type: string; id: string }[] = JSON.parse(readFileSync(refsFile, "utf8"));
/** The BFF's default number of upstream calls in flight (CASEGRAPH_UPSTREAM_CONCURRENCY). */
const IN_FLIGHT = 256;
const agent = new Agent({ keepAliveTimeout: 10_000, connections: IN_FLIGHT, pipelining: 1 });
const headers = {
  "dd-api-key": apiKey,
  "dd-application-key": appKey,
  accept: "application/json",
  "accept-encoding": "gzip, deflate",
};

/** The calls a lookup of each kind makes upstream; pages and conversations have no label read. */
function callsOf(ref: { type: string; id: string }): string[] {
  const links = `${upstream}/api/v2/cases/link?entity_type=${ref.type}&entity_id=${ref.id}`;
  if (ref.type === "CASE") return [links, `${upstream}/api/v2/cases/${ref.id}`];
  if (ref.type === "INCIDENT") return [links, `${upstream}/api/v2/incidents/${ref.id}`];
  return [links];
}

async function callAll(urls: string[]): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < urls.length) {
      const url = urls[next++] as string;
      const answer = await request(url, { headers, dispatcher: agent });
      const body = await answer.body.text();
      if (answer.statusCode !== 200) throw new Error(`HTTP ${answer.statusCode} from ${url}`);
      JSON.parse(body);
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, urls.length) }, lane));
}

const half = Math.floor(refs.length / 2);
await callAll(refs.slice(0, half).flatMap(callsOf));
const measured = refs.slice(half);
const calls = measured.flatMap(callsOf);
const before = process.cpuUsage();
await callAll(calls);
const used = process.cpuUsage(before);
// Per lookup (two for each entity), as the BFF's row counts them.
const cpuPerLookupMs = (used.user + used.system) / 1000 / (measured.length * 2);
process.stdout.write(`${JSON.stringify({ cpuPerLookupMs, calls: calls.length })}\n`);
await agent.close();
