import { setTimeout as sleep } from "node:timers/promises";
import { LOOKUPS_PATH } from "../../server/src/contract";
import { rawRequest } from "../../server/src/reliability/raw-http";
import type { GeneratedScenario } from "../../server/src/simulator";
import { SHARING_WINDOW_MS } from "../../server/src/upstream/fair-gate";
import { lookUpAll, shownEntities } from "./graph-lookups";
import { type GraphSize, generate, MEDIUM } from "./scenarios";

/**
 * The graph a BFF process serves before it is measured: 1,000/8 (2,000 lookups) left the runs
 * after it steadier than a 250/8 one did. Its seed is no bench size's, so its entities are none
 * of theirs and the measured graph stays cold in the BFF's caches.
 */
export const WARM_UP: GraphSize = { ...MEDIUM, name: "warm-up 1000/8", seed: 7 };
export const warmUpGraph = (): GeneratedScenario => generate(WARM_UP);

/**
 * From a second loopback address, so that the measured viewer (127.0.0.1) starts with its own
 * per-client budget and finds the upstream slots unshared.
 */
const WARM_UP_ADDRESS = "127.0.0.2";

/** The case page's HTML as a browser's navigation asks for it, bounded in time. */
async function openCasePage(bffUrl: string, path: string): Promise<void> {
  const page = await Promise.race([
    rawRequest(bffUrl, {
      path,
      headers: { "Sec-Fetch-Dest": "document" },
      localAddress: WARM_UP_ADDRESS,
    }),
    sleep(30_000, undefined, { ref: false }).then(() => {
      throw new Error("warm-up page: no answer in 30 s");
    }),
  ]);
  if (page.status !== 200) throw new Error(`warm-up page answered ${page.status}`);
}

/**
 * Brings a fresh BFF process near the state of one that has served for a while: V8 has compiled
 * and optimised its case page, page read ahead, socket lookups and upstream calls (its static
 * files and the socket's own read ahead, which lookups that declare `ahead` start, stay cold).
 * Without it every run paid for that (0.5–1 s here), which no viewer of a running BFF pays. The
 * warm-up graph must be in the simulator the BFF reads.
 */
export async function warmUp(bffUrl: string, { scenario, rootId }: GeneratedScenario) {
  // The case page's HTML starts the server's read ahead, as a person's first view does; the
  // socket's lookups then join it and read the rest.
  await openCasePage(bffUrl, `/cases/${rootId}?depth=${WARM_UP.depth}`);
  const socket = `${bffUrl.replace(/^http/, "ws")}${LOOKUPS_PATH}`;
  const errors = await lookUpAll(
    socket,
    shownEntities(scenario, rootId, WARM_UP.depth),
    WARM_UP_ADDRESS,
  );
  if (errors > 0) throw new Error(`warm-up lookups: ${errors} errors`);
  // The gate shares its slots among clients seen this recently: the viewer must find it alone.
  await sleep(SHARING_WINDOW_MS + 200);
}
