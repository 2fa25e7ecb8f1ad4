import { describe, expect, it } from "vitest";
import type { ApiErrorBody, EntityResponse } from "../contract";
import { demoScenario } from "../simulator";
import { useFreshBff } from "../testing/start-bff";

const root = demoScenario.roots[0];
const incident = demoScenario.incidents[0];
const page = demoScenario.pages[0];
if (!root || !incident || !page)
  throw new Error("the demo scenario lacks a root, an incident or a page");
const rootCase = demoScenario.cases.find((c) => c.id === root.id);

describe("GET /api/entities/:type/:id", () => {
  const bff = useFreshBff();

  it("labels a case by UUID with key, title, status, priority and a Datadog link", async () => {
    const response = await fetch(`${bff().url}/api/entities/CASE/${root.id}`);
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as EntityResponse;
    expect(data).toMatchObject({
      type: "CASE",
      id: root.id,
      key: root.key,
      title: root.title,
      status: rootCase?.status,
      priority: rootCase?.priority,
      url: `https://app.datadoghq.com/cases/${root.id}`,
    });
  });

  it("resolves a case key to the case's UUID", async () => {
    const response = await fetch(`${bff().url}/api/entities/CASE/${root.key}`);
    const { data } = (await response.json()) as EntityResponse;
    expect(data.id).toBe(root.id);
    expect(data.key).toBe(root.key);
  });

  it("names the assignee where the case has one", async () => {
    const assigned = demoScenario.cases.find((c) => c.assigneeId);
    const user = demoScenario.users.find((u) => u.id === assigned?.assigneeId);
    if (!assigned || !user) throw new Error("the demo scenario has no assigned case");
    const { data } = (await (
      await fetch(`${bff().url}/api/entities/CASE/${assigned.id}`)
    ).json()) as EntityResponse;
    expect(data.assignee).toBe(user.name);
  });

  it("says when a case and an incident were opened", async () => {
    const caseAnswer = (await (
      await fetch(`${bff().url}/api/entities/CASE/${root.id}`)
    ).json()) as EntityResponse;
    expect(caseAnswer.data.created_at).toBe(new Date(rootCase?.createdAt ?? "").toISOString());
    const incidentAnswer = (await (
      await fetch(`${bff().url}/api/entities/INCIDENT/${incident.id}`)
    ).json()) as EntityResponse;
    expect(incidentAnswer.data.created_at).toBe(new Date(incident.createdAt).toISOString());
  });

  it("labels an incident from the incidents API", async () => {
    const { data } = (await (
      await fetch(`${bff().url}/api/entities/INCIDENT/${incident.id}`)
    ).json()) as EntityResponse;
    expect(data).toMatchObject({
      type: "INCIDENT",
      id: incident.id,
      title: incident.title,
      status: incident.state,
      priority: incident.severity,
    });
  });

  it("answers a page without calling the upstream", async () => {
    const { data } = (await (
      await fetch(`${bff().url}/api/entities/PAGE/${page.id}`)
    ).json()) as EntityResponse;
    expect(data).toEqual({ type: "PAGE", id: page.id });
    expect(bff().sim.requests()).toHaveLength(0);
  });

  it("answers 404 in the error contract for a case Datadog does not have", async () => {
    const response = await fetch(`${bff().url}/api/entities/CASE/NOPE-404`);
    expect(response.status).toBe(404);
    const body = (await response.json()) as ApiErrorBody;
    expect(body.error).toMatchObject({ status: 404, code: "not_found" });
    expect(body.error.message).toContain("NOPE-404");
  });
});
