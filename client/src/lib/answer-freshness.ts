/**
 * Which lookups the BFF answered from its cache after a failed upstream read
 * (`"meta":{"stale":true,"as_of":"…"}`), so the page can say how old what it shows is.
 */
export interface AnswerFreshness {
  /** Records one answer; a fresh answer forgets that the lookup was stale. */
  note(lookup: string, meta: unknown): void;
  /** The oldest `as_of` among lookups whose latest answer was stale; null when none is. */
  oldestStale(): string | null;
  subscribe(listener: () => void): () => void;
}

export function createAnswerFreshness(): AnswerFreshness {
  const stale = new Map<string, string>();
  const listeners = new Set<() => void>();
  let oldest: string | null = null;
  const changed = () => {
    oldest = null;
    for (const asOf of stale.values()) {
      if (oldest === null || Date.parse(asOf) < Date.parse(oldest)) oldest = asOf;
    }
    for (const listener of [...listeners]) listener();
  };
  return {
    note(lookup, meta) {
      const asOf = staleAsOf(meta);
      if (asOf === undefined) {
        if (stale.delete(lookup)) changed();
      } else if (stale.get(lookup) !== asOf) {
        stale.set(lookup, asOf);
        changed();
      }
    },
    oldestStale: () => oldest,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

function staleAsOf(meta: unknown): string | undefined {
  if (typeof meta !== "object" || meta === null) return undefined;
  const { stale, as_of: asOf } = meta as Record<string, unknown>;
  if (stale !== true) return undefined;
  return typeof asOf === "string" && !Number.isNaN(Date.parse(asOf))
    ? asOf
    : new Date(0).toISOString();
}

/** The page's one record, written by the lookup layer and read by the live strip. */
export const answerFreshness = createAnswerFreshness();
