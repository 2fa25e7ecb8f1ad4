/**
 * Yields the lines of a streamed body as they arrive. Chunks split lines (and UTF-8
 * characters) anywhere, so text is decoded in streaming mode and the unfinished tail carried over.
 */
export async function* ndjsonLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      let newline = buffered.indexOf("\n");
      while (newline !== -1) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line !== "") yield line;
        newline = buffered.indexOf("\n");
      }
    }
    const last = (buffered + decoder.decode()).trim();
    if (last !== "") yield last;
  } finally {
    reader.releaseLock();
  }
}
