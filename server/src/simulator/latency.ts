import type { Knobs } from "./knobs";
import type { Random } from "./prng";

/** The delay before an answer: latencyMs plus uniform jitter in ±jitterMs, never below zero. */
export function delayFor(knobs: Pick<Knobs, "latencyMs" | "jitterMs">, random: Random): number {
  const jitter = knobs.jitterMs > 0 ? (random() * 2 - 1) * knobs.jitterMs : 0;
  return Math.max(0, Math.round(knobs.latencyMs + jitter));
}
