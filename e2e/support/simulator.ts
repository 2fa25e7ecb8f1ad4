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

/** Links two entities in the simulator's data, as someone would in Datadog. Returns the link id. */
export async function addLink(
  request: APIRequestContext,
  link: { parent: string; child: string; relationship: string; id?: string },
): Promise<string> {
  const response = await request.post(`${SIM}/links`, { data: link });
  expect(response.status(), `POST /__sim/links answered ${response.status()}`).toBe(201);
  return ((await response.json()) as { link: { id: string } }).link.id;
}

export async function removeLink(request: APIRequestContext, id: string): Promise<void> {
  const response = await request.delete(`${SIM}/links/${encodeURIComponent(id)}`);
  expect(response.ok(), `DELETE /__sim/links/${id} answered ${response.status()}`).toBe(true);
}

/** Changes a case's status and/or priority in the simulator's data. */
export async function changeCase(
  request: APIRequestContext,
  keyOrId: string,
  change: { status?: "OPEN" | "IN_PROGRESS" | "CLOSED"; priority?: string },
): Promise<void> {
  const response = await request.patch(`${SIM}/cases/${encodeURIComponent(keyOrId)}`, {
    data: change,
  });
  expect(response.ok(), `PATCH /__sim/cases/${keyOrId} answered ${response.status()}`).toBe(true);
}

export interface SimRequest {
  path: string;
  query: Record<string, string>;
  entityId?: string;
}

/** What reached the simulator (the upstream) since the log was last cleared. */
export async function upstreamRequests(request: APIRequestContext): Promise<SimRequest[]> {
  const response = await request.get(`${SIM}/requests`);
  return ((await response.json()) as { requests: SimRequest[] }).requests;
}

export async function clearUpstreamRequests(request: APIRequestContext): Promise<void> {
  await request.delete(`${SIM}/requests`);
}
