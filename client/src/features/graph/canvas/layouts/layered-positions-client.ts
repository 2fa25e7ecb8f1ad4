import { type LayeredInput, layeredPositions, type Point } from "./fast-layered";
import { type WorkerCall, workerCall } from "./worker-rpc";

/**
 * Node centres of the layered layout, computed in a Web Worker so the page's thread stays free
 * while a big graph is laid out; on the main thread where there is no Worker (jsdom) or it
 * failed to start (the layout takes milliseconds, so that costs little).
 */
export const computeLayeredPositions: WorkerCall<LayeredInput, Map<string, Point>> = workerCall(
  "layered layout",
  () => new Worker(new URL("./layered-positions.worker.ts", import.meta.url), { type: "module" }),
  layeredPositions,
);
