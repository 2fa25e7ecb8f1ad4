import { WebSocket } from "ws";
import {
  BATCH_MAX_ITEMS,
  type EntityRef,
  LOOKUP_SOCKET_MAX_IN_FLIGHT,
} from "../../server/src/contract";
import { hopDistances, type Scenario } from "../../server/src/simulator";

/** Every entity of `scenario` within `depth` hops of `rootId`, as the page would show it. */
export function shownEntities(scenario: Scenario, rootId: string, depth: number): EntityRef[] {
  const hops = hopDistances(scenario, rootId);
  const types = new Map<string, EntityRef["type"]>();
  for (const link of scenario.links) {
    for (const end of [link.parent, link.child]) types.set(end.id, end.type as EntityRef["type"]);
  }
  return [...hops]
    .filter(([, hop]) => hop <= depth)
    .map(([id]) => ({ type: types.get(id) ?? "CASE", id }));
}

/**
 * Sends every lookup of `refs` (links and label) on one socket and waits for all answers; the
 * errors among them are counted. `localAddress` picks the loopback address the BFF sees. All
 * are sent at once: at most LOOKUP_SOCKET_MAX_IN_FLIGHT (2 per entity), or the BFF refuses the
 * rest. A socket that closes first, or answers that take longer than `timeoutMs`, fail it.
 */
export async function lookUpAll(
  url: string,
  refs: EntityRef[],
  localAddress?: string,
  timeoutMs = 60_000,
): Promise<number> {
  if (refs.length * 2 > LOOKUP_SOCKET_MAX_IN_FLIGHT) {
    throw new Error(
      `${refs.length * 2} lookups at once; the socket takes ${LOOKUP_SOCKET_MAX_IN_FLIGHT}`,
    );
  }
  const ws = new WebSocket(url, {
    perMessageDeflate: false,
    ...(localAddress ? { localAddress } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const expected = refs.length * 2;
  let answers = 0;
  let errors = 0;
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${answers} of ${expected} answers within ${timeoutMs} ms`)),
      timeoutMs,
    );
    ws.on("message", (data) => {
      for (const line of String(data).split("\n")) {
        answers += 1;
        if (line.includes('"error"')) errors += 1;
      }
      if (answers >= expected) {
        clearTimeout(timer);
        resolve();
      }
    });
    ws.on("close", () => {
      clearTimeout(timer);
      if (answers < expected)
        reject(new Error(`socket closed after ${answers} of ${expected} answers`));
    });
  });
  const perMessage = BATCH_MAX_ITEMS / 2;
  for (let i = 0; i < refs.length; i += perMessage) {
    const part = refs.slice(i, i + perMessage);
    ws.send(JSON.stringify({ links: part, entities: part }));
  }
  try {
    await done;
  } finally {
    ws.terminate();
  }
  return errors;
}
