import { describe, expect, it } from "vitest";
import { ndjsonLines } from "./ndjson-lines";

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of ndjsonLines(stream)) lines.push(line);
  return lines;
}

describe("ndjsonLines", () => {
  it("joins lines split across chunks and splits chunks holding several lines", async () => {
    const bytes = new TextEncoder().encode('{"a":1}\n{"b":2}\n{"c":3}\n');
    const chunks = [bytes.slice(0, 3), bytes.slice(3, 12), bytes.slice(12)];
    expect(await collect(streamOf(chunks))).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
  });

  it("decodes a character whose bytes arrive in two chunks", async () => {
    const bytes = new TextEncoder().encode('{"title":"Zahlungsausfall – Köln"}\n');
    const cut = bytes.indexOf(0xc3) + 1; // inside the two bytes of "ö"
    expect(await collect(streamOf([bytes.slice(0, cut), bytes.slice(cut)]))).toEqual([
      '{"title":"Zahlungsausfall – Köln"}',
    ]);
  });

  it("yields a last line without a newline and skips blank lines", async () => {
    const bytes = new TextEncoder().encode('\n{"a":1}\r\n\n{"b":2}');
    expect(await collect(streamOf([bytes]))).toEqual(['{"a":1}', '{"b":2}']);
  });
});
