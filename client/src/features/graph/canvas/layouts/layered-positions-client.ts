import { type LayeredInput, layeredPositions, type Point } from "./fast-layered";
import { type WorkerCall, workerCall } from "./worker-rpc";

/** The worker's script is a few KB: one that has not loaded in 10 s is not coming. */
const LAYERED_LOAD_DEADLINE_MS = 10_000;

/**
 * Node centres of the layered layout, computed in a Web Worker so the page's thread stays free
 * while a big graph is laid out; on the main thread where there is no Worker (jsdom) or it
 * failed to start or to load (the layout takes milliseconds, so that costs little).
 */
export const computeLayeredPositions: WorkerCall<LayeredInput, Map<string, Point>> = workerCall(
  "layered layout",
  () => new Worker(new URL("./layered-positions.worker.ts", import.meta.url), { type: "module" }),
  layeredPositions,
  LAYERED_LOAD_DEADLINE_MS,
);
