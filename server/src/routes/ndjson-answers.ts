import type { Response } from "express";
import type { BatchLine, EntityRef } from "../contract";
import { answerLookup, type LookupItem, type LookupServices } from "../services/answer-lookup";
import type { LookupRequestContext } from "../services/lookup-request-context";

/** The validated lookups as items, each asked once however often it was listed. */
export function toLookupItems(lookups: {
  links?: EntityRef[] | undefined;
  entities?: EntityRef[] | undefined;
}): LookupItem[] {
  const dedupe = (kind: LookupItem["kind"], refs: EntityRef[] | undefined) => [
    ...new Map((refs ?? []).map((r) => [`${r.type}:${r.id}`, { kind, ...r }])).values(),
  ];
  return [...dedupe("links", lookups.links), ...dedupe("entity", lookups.entities)];
}

/**
 * Answers lookups as NDJSON lines in the order they finish, each written the moment it is
 * ready; a request that closes early abandons what is left (`ctx.signal`, see request-context).
 */
export async function streamAnswers(
  res: Response,
  services: LookupServices,
  items: LookupItem[],
  ctx: LookupRequestContext,
): Promise<void> {
  res.status(200);
  res.setHeader("Content-Type", "application/x-ndjson; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.flushHeaders();

  // Lines that finish in the same turn of the event loop go out as one write: a 500-item
  // batch refused at once is one chunk, not 500.
  let pending = "";
  let scheduled: NodeJS.Immediate | undefined;
  const flush = () => {
    scheduled = undefined;
    if (pending === "" || ctx.signal.aborted) return;
    res.write(pending);
    pending = "";
    // compression buffers by default; each line should reach the browser as it is ready.
    (res as unknown as { flush?: () => void }).flush?.();
  };
  const write = (line: BatchLine) => {
    if (ctx.signal.aborted) return;
    pending += `${JSON.stringify(line)}\n`;
    scheduled ??= setImmediate(flush);
  };
  await Promise.all(items.map(async (item) => write(await answerLookup(services, item, ctx))));
  if (scheduled) clearImmediate(scheduled);
  flush();
  res.end();
}
