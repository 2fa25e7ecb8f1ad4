import { type CoreLayoutJob, corePositions } from "./core-positions";
import type { Point } from "./point";
import { type WorkerCall, workerCall } from "./worker-rpc";

/**
 * The worker's script carries a headless cytoscape (fcose is a chunk it loads later, for the
 * force view only): given longer to load than the layered worker, whose script is tiny.
 */
const CORE_LOAD_DEADLINE_MS = 20_000;

/**
 * Node centres of the force and rings views, computed in a Web Worker (which loads fcose only
 * for the force view): fcose takes 1.3–1.8 s at 1,000 nodes (`pnpm bench -- layout`), which on
 * the page's thread would be one task that long. On the page's thread where there is no Worker
 * (jsdom) or it failed to start.
 */
export const computeCorePositions: WorkerCall<CoreLayoutJob, Map<string, Point>> = workerCall(
  "force and rings layout",
  () => new Worker(new URL("./core-positions.worker.ts", import.meta.url), { type: "module" }),
  corePositions,
  CORE_LOAD_DEADLINE_MS,
);
