/** IPC between the bench runner and the servers it starts as child processes. */
export type ToChild =
  | { type: "memory" }
  | { type: "cpu" }
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
  /** `process.cpuUsage()` since the process started, in ms. */
  | { type: "cpu"; ms: number }
  | { type: "error"; message: string };
