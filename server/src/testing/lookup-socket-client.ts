import { WebSocket } from "ws";
import type { ApiErrorBody, BatchLine, LookupMessage } from "../contract";

export type Answer = BatchLine | ApiErrorBody;

/** A socket client that keeps every answer and lets a test wait for a number of them. */
export async function connect(url: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(`${url.replace(/^http/, "ws")}/api/lookups`, { headers });
  const answers: Answer[] = [];
  const waiters: Array<() => void> = [];
  ws.on("message", (data) => {
    for (const line of String(data).split("\n")) answers.push(JSON.parse(line) as Answer);
    for (const wake of waiters.splice(0)) wake();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  return {
    ws,
    answers,
    send: (message: LookupMessage | string) =>
      ws.send(typeof message === "string" ? message : JSON.stringify(message)),
    async next(count: number): Promise<Answer[]> {
      while (answers.length < count) await new Promise<void>((wake) => waiters.push(wake));
      return answers.slice(0, count);
    },
    closed: new Promise<number>((resolve) => ws.once("close", (code) => resolve(code))),
  };
}
