import { type LayeredInput, layeredPositions, type Point } from "./fast-layered";
import { type WorkerCall, workerCall } from "./worker-rpc";

/**
 * The layout takes about 0.5 s at 5,000 nodes here (`pnpm bench -- layout`); a worker silent
 * for twenty times that, its script load included, is not coming.
 */
const LAYERED_DEADLINE_MS = 10_000;

/**
 * Node centres of the layered layout, computed in a Web Worker so the page's thread stays free
 * while a big graph is laid out; on the main thread where there is no Worker (jsdom) or it
 * failed to start (the layout takes milliseconds, so that costs little).
 */
export const computeLayeredPositions: WorkerCall<LayeredInput, Map<string, Point>> = workerCall(
  "layered layout",
  () => new Worker(new URL("./layered-positions.worker.ts", import.meta.url), { type: "module" }),
  layeredPositions,
  LAYERED_DEADLINE_MS,
);
