import { type CoreLayoutJob, corePositions } from "./core-positions";
import type { Point } from "./point";
import { type WorkerCall, workerCall } from "./worker-rpc";

/**
 * fcose takes up to 2.4 s at its 1,500-node limit here; a slow laptop may take several times
 * that, so only a worker silent far longer is given up on.
 */
const CORE_DEADLINE_MS = 30_000;

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
  CORE_DEADLINE_MS,
);
