import { createHash } from "node:crypto";

/** A seeded source of floats in [0, 1): scenarios and knobs must replay exactly for a seed. */
export type Random = () => number;

/** mulberry32: tiny, fast and good enough for test data; never for secrets. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** An integer in [min, max], both inclusive. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("pick() needs at least one item");
  return item;
}

/** A version-4-shaped UUID drawn from the seeded source. */
export function randomUuid(random: Random): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256));
  return formatUuid(bytes);
}

/** A UUID that depends only on `name`, so hand-written scenarios keep their ids forever. */
export function stableUuid(name: string): string {
  return formatUuid([...createHash("sha1").update(name).digest().subarray(0, 16)]);
}

function formatUuid(bytes: number[]): string {
  // Set the version (4) and RFC 4122 variant bits so the ids pass strict UUID checks.
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
