import { type APIRequestContext, expect } from "@playwright/test";
import { E2E_SIM_PORT } from "./ports";

const SIM = `http://127.0.0.1:${E2E_SIM_PORT}/__sim`;

/** Knobs back to the start, request log and rate windows cleared. */
export async function resetSimulator(request: APIRequestContext): Promise<void> {
  const response = await request.post(`${SIM}/reset`);
  expect(response.ok(), `POST /__sim/reset answered ${response.status()}`).toBe(true);
}

/** Changes the knobs it names (latency, rate limit, faults…) and keeps the others. */
export async function patchKnobs(
  request: APIRequestContext,
  knobs: Record<string, unknown>,
): Promise<void> {
  const response = await request.patch(`${SIM}/knobs`, { data: knobs });
  expect(response.ok(), `PATCH /__sim/knobs answered ${response.status()}`).toBe(true);
}

/** Makes the simulator fail lookups of exactly these entities (ids or case keys); {} clears. */
export function setFaults(
  request: APIRequestContext,
  faults: Record<string, "error" | "hang" | "not_found" | "malformed" | "rate_limited">,
): Promise<void> {
  return patchKnobs(request, { faults });
}
