import { type EntityRef, rootLookupsPath, UUID_PATTERN } from "@casegraph/server/contract";
import { ApiError, fetchOk } from "../../../lib/api-client";
import { itemKey, type Kind, parseLine } from "./batch-loader";
import { ndjsonLines } from "./ndjson-lines";

export interface PreloadedLookups {
  /**
   * The preloaded answer to this lookup, once; `orElse` asks for it anew if the preload did not
   * bring it (network failure, unreadable line). Undefined for any other lookup.
   */
  take(kind: Kind, ref: EntityRef, orElse: () => Promise<unknown>): Promise<unknown> | undefined;
}

/**
 * On `/cases/<uuid>`, fetches the root's links and label from the URL the page's HTML preloads
 * (same URL, default mode and credentials, no extra headers), so the browser answers from the
 * request it started before this script ran.
 */
export function preloadRootLookups(
  pathname: string,
  fetchImpl?: typeof fetch,
): PreloadedLookups | undefined {
  const match = /^\/cases\/([^/]+)\/?$/.exec(pathname);
  const id = match?.[1]?.toLowerCase();
  if (!id || !UUID_PATTERN.test(id)) return undefined;
  const ref: EntityRef = { type: "CASE", id };
  const answers = new Map<string, Promise<{ line?: ReturnType<typeof parseLine> }>>();
  const settle = new Map<string, (value: { line?: ReturnType<typeof parseLine> }) => void>();
  for (const kind of ["links", "entity"] as const) {
    const key = itemKey(kind, ref.type, ref.id);
    answers.set(key, new Promise((resolve) => settle.set(key, resolve)));
  }
  const read = async () => {
    const response = await fetchOk(rootLookupsPath(id), {}, fetchImpl ? { fetch: fetchImpl } : {});
    if (!response.body) return;
    for await (const text of ndjsonLines(response.body)) {
      const line = parseLine(text);
      if (line) settle.get(itemKey(line.kind, line.type, line.id))?.({ line });
    }
  };
  // Whatever the preload did not bring is asked for again by the caller.
  void read()
    .catch(() => undefined)
    .finally(() => {
      for (const resolve of settle.values()) resolve({});
    });

  return {
    take(kind, wanted, orElse) {
      const key = itemKey(kind, wanted.type, wanted.id);
      const answer = answers.get(key);
      if (!answer) return undefined;
      answers.delete(key);
      return answer.then(({ line }) => {
        if (!line) return orElse();
        if ("error" in line) throw new ApiError(line.error, line.error.retry_after_s);
        return line.data;
      });
    },
  };
}
