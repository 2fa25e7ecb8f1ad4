/** IPC between the bench runner and the servers it starts as child processes. */
export type ToChild =
  | { type: "memory" }
  | { type: "stop" }
  | { type: "serve"; headers: Record<string, string>; bodyBase64: string };

export interface MemoryFigures {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

export type FromChild =
  | { type: "ready"; url: string }
  | ({ type: "memory" } & MemoryFigures)
  | { type: "error"; message: string };
