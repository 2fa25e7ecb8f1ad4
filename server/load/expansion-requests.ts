import { createBatchLoader } from "../../client/src/features/graph/api/batch-loader";
import { Expansion } from "../../client/src/features/graph/model/expansion";

export interface ExpansionCount {
  entities: number;
  batchRequests: number;
  failed: number;
  ms: number;
}

/**
 * Expands a graph the way the browser does (the client's own Expansion and batch loader) against
 * a running BFF, counting the `POST /api/batch` requests it takes: what the per-client rate
 * limit has to allow for one person.
 */
export async function countExpansionRequests(
  bffUrl: string,
  rootId: string,
  depth: number,
): Promise<ExpansionCount> {
  let batchRequests = 0;
  const counting: typeof fetch = (input, init) => {
    batchRequests += 1;
    return fetch(input, init);
  };
  const loader = createBatchLoader({ endpoint: `${bffUrl}/api/batch`, fetch: counting });
  const expansion = new Expansion({
    root: { type: "CASE", id: rootId },
    depth,
    cap: 10_000,
    loadLinks: (ref) => loader.loadLinks(ref),
    loadLabel: (ref) => loader.loadLabel(ref),
  });
  const started = performance.now();
  const settled = new Promise<void>((resolve) => {
    expansion.subscribe(() => {
      if (expansion.isSettled()) resolve();
    });
  });
  expansion.start();
  await settled;
  const stats = expansion.stats();
  expansion.dispose();
  return {
    entities: stats.entities,
    batchRequests,
    failed: stats.failed,
    ms: performance.now() - started,
  };
}
