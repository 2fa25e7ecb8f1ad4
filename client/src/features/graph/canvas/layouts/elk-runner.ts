import type { ElkNode } from "elkjs/lib/elk-api";
import { workerCall } from "./worker-rpc";

export type ElkLayoutFn = (graph: ElkNode) => Promise<ElkNode>;

/** Same algorithm on the page's thread: for jsdom/tests and browsers that refuse the worker. */
export const layoutOnMainThread: ElkLayoutFn = async (graph) => {
  const { default: ELK } = await import("elkjs/lib/elk.bundled.js");
  return new ELK().layout(graph);
};

/** ELK in a Web Worker so thousands of nodes never freeze the page. */
export const runElk: ElkLayoutFn = workerCall(
  "ELK",
  () => new Worker(new URL("./elk.worker.ts", import.meta.url), { type: "module" }),
  layoutOnMainThread,
);
