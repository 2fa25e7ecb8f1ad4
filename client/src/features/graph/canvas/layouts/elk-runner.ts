import type { ElkNode } from "elkjs/lib/elk-api";
import type { ElkRequest, ElkResponse } from "./elk-messages";

export type ElkLayoutFn = (graph: ElkNode) => Promise<ElkNode>;

/** Same algorithm on the page's thread: for jsdom/tests and browsers that refuse the worker. */
export const layoutOnMainThread: ElkLayoutFn = async (graph) => {
  const { default: ELK } = await import("elkjs/lib/elk.bundled.js");
  return new ELK().layout(graph);
};

interface Pending {
  resolve: (graph: ElkNode) => void;
  reject: (error: Error) => void;
}

let worker: Worker | null = null;
let workerBroken = false;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(reason: string) {
  for (const request of pending.values()) request.reject(new Error(reason));
  pending.clear();
}

function getWorker(): Worker | null {
  if (workerBroken || typeof Worker === "undefined") return null;
  if (worker) return worker;
  try {
    worker = new Worker(new URL("./elk.worker.ts", import.meta.url), { type: "module" });
  } catch {
    workerBroken = true;
    return null;
  }
  worker.onmessage = (event: MessageEvent<ElkResponse>) => {
    const response = event.data;
    const request = pending.get(response.id);
    if (!request) return;
    pending.delete(response.id);
    if ("error" in response) request.reject(new Error(response.error));
    else request.resolve(response.graph);
  };
  worker.onerror = () => {
    // A worker that cannot load (e.g. a strict CSP) stays broken; callers fall back.
    workerBroken = true;
    worker?.terminate();
    worker = null;
    failAll("ELK worker failed");
  };
  return worker;
}

function layoutInWorker(target: Worker, graph: ElkNode): Promise<ElkNode> {
  const id = nextId++;
  return new Promise<ElkNode>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    const request: ElkRequest = { id, graph };
    target.postMessage(request);
  });
}

/**
 * ELK in a Web Worker so thousands of nodes never freeze the page; on the main thread when
 * there is no Worker (jsdom) or the worker failed to start.
 */
export const runElk: ElkLayoutFn = async (graph) => {
  const target = getWorker();
  if (!target) return layoutOnMainThread(graph);
  try {
    return await layoutInWorker(target, graph);
  } catch (error) {
    if (workerBroken) return layoutOnMainThread(graph);
    throw error;
  }
};
