import { type CoreLayoutJob, corePositions } from "./core-positions";
import type { Point } from "./point";
import { type WorkerCall, workerCall } from "./worker-rpc";

/**
 * Node centres of the force and rings layouts, computed in a Web Worker: fcose takes about a
 * second at 1,000 nodes (`pnpm bench -- layout`), which on the page's thread would be one task
 * that long. On the page's thread where there is no Worker (jsdom) or it failed to start.
 */
export const computeCorePositions: WorkerCall<CoreLayoutJob, Map<string, Point>> = workerCall(
  "force layout",
  () => new Worker(new URL("./core-positions.worker.ts", import.meta.url), { type: "module" }),
  corePositions,
);
