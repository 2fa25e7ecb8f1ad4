import { z } from "zod";

/** What a per-entity fault does to every request about that entity. */
export const FAULTS = [
  "error",
  "hang",
  "malformed",
  "not_found",
  "rate_limited",
  "reset",
  "wrong_content_type",
] as const;
export type Fault = (typeof FAULTS)[number];

export interface RateLimitKnob {
  /** Requests allowed per window, per rate-limit name. */
  limit: number;
  periodSec: number;
}

/** Every behaviour of the simulator that a test or benchmark can turn. */
export interface Knobs {
  latencyMs: number;
  /** Added uniformly in [-jitterMs, +jitterMs]; the total never goes below zero. */
  jitterMs: number;
  /** Fraction of requests answered 500. */
  errorRate: number;
  /** Fraction of requests never answered until the client gives up. */
  hangRate: number;
  /** Fraction of requests answered 200 with a truncated JSON body. */
  malformedRate: number;
  /** Enforced limit; without it the headers describe a generous window that is never hit. */
  rateLimit?: RateLimitKnob;
  /** The real answer for a link lookup on an unknown entity is not documented. */
  unknownEntityLinks: "empty" | "not_found";
  /** Keyed by entity id or case key, so a test can fail exactly one node. */
  faults: Record<string, Fault>;
  /** X-RateLimit-Reset sent with a `rate_limited` fault. */
  faultResetSec: number;
}

export const DEFAULT_KNOBS: Readonly<Knobs> = Object.freeze({
  latencyMs: 0,
  jitterMs: 0,
  errorRate: 0,
  hangRate: 0,
  malformedRate: 0,
  unknownEntityLinks: "empty",
  faults: {},
  faultResetSec: 30,
});

export function defaultKnobs(): Knobs {
  return { ...DEFAULT_KNOBS, faults: {} };
}

const rate = z.number().min(0).max(1);
const milliseconds = z.number().int().min(0).max(600_000);

/** A partial update; `rateLimit: null` removes the limit. */
export const knobsPatchSchema = z.strictObject({
  latencyMs: milliseconds.optional(),
  jitterMs: milliseconds.optional(),
  errorRate: rate.optional(),
  hangRate: rate.optional(),
  malformedRate: rate.optional(),
  rateLimit: z
    .strictObject({
      limit: z.number().int().min(1),
      periodSec: z.number().int().min(1).max(86_400),
    })
    .nullable()
    .optional(),
  unknownEntityLinks: z.enum(["empty", "not_found"]).optional(),
  faults: z.record(z.string().min(1), z.enum(FAULTS)).optional(),
  faultResetSec: z.number().int().min(0).max(86_400).optional(),
});

/** What `setKnobs` and `PATCH /__sim/knobs` take: any subset; `rateLimit: null` lifts the limit. */
export type KnobsUpdate = Partial<Omit<Knobs, "rateLimit">> & { rateLimit?: RateLimitKnob | null };

export type KnobsParseResult = { ok: true; update: KnobsUpdate } | { ok: false; message: string };

/** Validates untrusted knobs (admin PATCH, start options) into an update or one readable message. */
export function parseKnobsUpdate(input: unknown): KnobsParseResult {
  const result = knobsPatchSchema.safeParse(input);
  if (result.success) return { ok: true, update: result.data };
  const problems = result.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join(".") : "knobs";
    return `${where}: ${issue.message}`;
  });
  return { ok: false, message: `Invalid knobs: ${problems.join("; ")}.` };
}

/** Each knob given replaces the current value (faults as a whole); the rest are kept. */
export function applyKnobsUpdate(current: Knobs, update: KnobsUpdate): Knobs {
  const next: Knobs = { ...current, faults: { ...current.faults } };
  for (const [name, value] of Object.entries(update)) {
    if (value === undefined) continue;
    if (name === "rateLimit" && value === null) {
      delete next.rateLimit;
      continue;
    }
    Object.assign(next, { [name]: structuredClone(value) });
  }
  return next;
}
