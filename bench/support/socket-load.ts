import { WebSocket } from "ws";

export interface SocketLoad {
  /** Answers per second over all sockets. */
  rps: number;
  /** Milliseconds from a lookup sent to its answer. */
  p99: number;
  errors: number;
}

/** The bytes of one answer, as the server sends them, for a baseline to send alike. */
export async function firstAnswer(url: string, message: string): Promise<Buffer> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    const answer = new Promise<Buffer>((resolve) =>
      ws.once("message", (data) => resolve(Buffer.from(data as Buffer))),
    );
    ws.send(message);
    return await answer;
  } finally {
    ws.terminate();
  }
}

/**
 * `sockets` viewers, each keeping `depth` lookups unanswered for `seconds`: every answer is
 * followed at once by the next lookup. Latency is sampled per lookup. Socket `i` connects from
 * `addresses[i % addresses.length]` where addresses are given (loopback ones), so the server
 * sees the viewers as the distinct clients they stand for.
 */
export async function socketLoad(
  url: string,
  message: string,
  options: { sockets: number; depth: number; seconds: number; addresses?: readonly string[] },
): Promise<SocketLoad> {
  const latencies: number[] = [];
  let answers = 0;
  let errors = 0;
  let running = true;
  const clients = await Promise.all(
    Array.from({ length: options.sockets }, async (_, i) => {
      const localAddress = options.addresses?.[i % options.addresses.length];
      const ws = new WebSocket(url, {
        perMessageDeflate: false,
        ...(localAddress ? { localAddress } : {}),
      });
      await new Promise<void>((resolve, reject) => {
        ws.once("open", () => resolve());
        ws.once("error", reject);
      });
      return ws;
    }),
  );
  const started = performance.now();
  for (const ws of clients) {
    const sentAt: number[] = [];
    const send = () => {
      sentAt.push(performance.now());
      ws.send(message);
    };
    ws.on("message", (data) => {
      // Answers ready together share a frame, one NDJSON line each.
      for (const line of String(data).split("\n")) {
        const at = sentAt.shift();
        if (at !== undefined) latencies.push(performance.now() - at);
        answers++;
        if (line.includes('"error"')) errors++;
        if (running) send();
      }
    });
    ws.on("error", () => {
      errors++;
    });
    for (let n = 0; n < options.depth; n++) send();
  }
  await new Promise((resolve) => setTimeout(resolve, options.seconds * 1000));
  running = false;
  const elapsed = (performance.now() - started) / 1000;
  for (const ws of clients) ws.terminate();
  latencies.sort((a, b) => a - b);
  return {
    rps: answers / elapsed,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? Number.NaN,
    errors,
  };
}
