import { client, logger as datadogLogger, v2 } from "@datadog/datadog-api-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoCaseId, demoScenario } from "./scenarios/demo-scenario";
import { type RunningSimulator, startSimulator } from "./start-simulator";

const KEYS = { apiKey: "test-api-key", appKey: "test-app-key" };
const KEY_HEADERS = { "DD-API-KEY": KEYS.apiKey, "DD-APPLICATION-KEY": KEYS.appKey };

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: demoScenario, keys: KEYS });
});
afterAll(() => sim.close());

const get = (path: string, headers: Record<string, string> = KEY_HEADERS) =>
  fetch(`${sim.url}${path}`, { headers });

const root = demoScenario.roots[0];
if (root === undefined) throw new Error("the demo scenario needs a root");

describe("GET /api/v2/cases/link", () => {
  it("lists every link the case takes part in, as parent or as child, in JSON:API form", async () => {
    const response = await get(`/api/v2/cases/link?entity_type=CASE&entity_id=${root.id}`);

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/vnd\.api\+json/);
    const body = (await response.json()) as {
      data: { id: string; type: string; attributes: Record<string, string> }[];
    };
    const expected = demoScenario.links.filter(
      (link) => link.parent.id === root.id || link.child.id === root.id,
    );
    expect(body.data.map((link) => link.id).sort()).toEqual(expected.map((link) => link.id).sort());
    const blocker = body.data.find(
      (link) => link.attributes.parent_entity_id === demoCaseId("CHK-212"),
    );
    expect(blocker).toEqual({
      id: expect.any(String),
      type: "link",
      attributes: {
        parent_entity_id: demoCaseId("CHK-212"),
        parent_entity_type: "CASE",
        child_entity_id: root.id,
        child_entity_type: "CASE",
        relationship: "BLOCKS",
      },
    });
  });

  it("filters to one relationship when asked", async () => {
    const response = await get(
      `/api/v2/cases/link?entity_type=CASE&entity_id=${root.id}&relationship=BLOCKS`,
    );
    const body = (await response.json()) as { data: { attributes: { relationship: string } }[] };
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.every((link) => link.attributes.relationship === "BLOCKS")).toBe(true);
  });

  it("answers an entity it does not know with an empty list by default", async () => {
    const response = await get(
      "/api/v2/cases/link?entity_type=CASE&entity_id=00000000-0000-4000-8000-000000000000",
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: [] });
  });

  it.each([
    ["entity_type is missing", `entity_id=${root.id}`, "entity_type"],
    [
      "entity_type is not a Datadog entity type",
      `entity_type=RUNBOOK&entity_id=${root.id}`,
      "entity_type",
    ],
    ["entity_id is missing", "entity_type=CASE", "entity_id"],
    ["entity_id is empty", "entity_type=CASE&entity_id=", "entity_id"],
    [
      "relationship is unknown",
      `entity_type=CASE&entity_id=${root.id}&relationship=SUPERSEDES`,
      "relationship",
    ],
  ])("answers 400 when %s", async (_, query, parameter) => {
    const response = await get(`/api/v2/cases/link?${query}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      errors: { status: string; title: string; detail: string }[];
    };
    expect(body.errors[0]).toMatchObject({ status: "400", title: "Bad Request" });
    expect(body.errors[0]?.detail).toContain(parameter);
  });
});

describe("GET /api/v2/cases/{case_id}", () => {
  it("answers a case by UUID with its attributes, creator, assignee and project", async () => {
    const response = await get(`/api/v2/cases/${root.id}`);

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/vnd\.api\+json/);
    const body = (await response.json()) as {
      data: {
        id: string;
        type: string;
        attributes: Record<string, unknown>;
        relationships: Record<string, { data: { type: string } }>;
      };
      included: { type: string; attributes: { name: string; email: string } }[];
    };
    expect(body.data).toMatchObject({
      id: root.id,
      type: "case",
      attributes: {
        key: "PAY-101",
        title: root.title,
        status: "IN_PROGRESS",
        status_name: "In Progress",
        status_group: "SG_IN_PROGRESS",
        priority: "P1",
        type: "STANDARD",
        merge_status: "NOT_MERGED",
        public_id: expect.stringMatching(/^\d+$/),
        custom_attributes: {},
        attributes: {},
        comment_count: 0,
        insights: [],
      },
    });
    expect(Date.parse(String(body.data.attributes.created_at))).not.toBeNaN();
    expect(body.data.relationships.created_by?.data.type).toBe("user");
    expect(body.data.relationships.assignee?.data.type).toBe("user");
    expect(body.data.relationships.project?.data.type).toBe("project");
    expect(body.included.map((user) => user.attributes.name).sort()).toEqual([
      "Priya Raman",
      "Sam Whitfield",
    ]);
  });

  it("answers the same case by its key", async () => {
    const response = await get("/api/v2/cases/PAY-101");
    const body = (await response.json()) as { data: { id: string } };
    expect(body.data.id).toBe(root.id);
  });

  it("leaves out the assignee of an unassigned case", async () => {
    const body = (await (await get("/api/v2/cases/CHK-231")).json()) as {
      data: { relationships: Record<string, unknown> };
    };
    expect(body.data.relationships).not.toHaveProperty("assignee");
  });

  it("answers an unknown case with Datadog's object-style 404", async () => {
    const response = await get("/api/v2/cases/NOPE-1");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^application\/vnd\.api\+json/);
    expect(await response.json()).toEqual({
      errors: [{ code: "resource_not_found", title: "case not found" }],
    });
  });
});

describe("GET /api/v2/incidents/{incident_id}", () => {
  const incident = demoScenario.incidents.find((candidate) => candidate.severity === "SEV-1");

  it("answers an incident with its title, numeric public id, severity and state as plain JSON", async () => {
    const response = await get(`/api/v2/incidents/${incident?.id}`);

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({
      data: {
        id: incident?.id,
        type: "incidents",
        attributes: {
          title: "EU card payments degraded",
          public_id: 4412,
          fields: { severity: { value: "SEV-1" }, state: { value: "active" } },
        },
      },
    });
  });

  it("answers an unknown incident with the plain-string 404", async () => {
    const response = await get("/api/v2/incidents/00000000-0000-4000-8000-000000000000");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errors: ["Not Found"] });
  });
});

describe("the key check", () => {
  const path = `/api/v2/cases/${root.id}`;

  it.each([
    ["no key headers", {}],
    ["only the API key", { "DD-API-KEY": KEYS.apiKey }],
    ["only the application key", { "DD-APPLICATION-KEY": KEYS.appKey }],
    ["a wrong API key", { ...KEY_HEADERS, "DD-API-KEY": "wrong" }],
    ["a wrong application key", { ...KEY_HEADERS, "DD-APPLICATION-KEY": "wrong" }],
  ])("answers 403 Forbidden to a request with %s", async (_, headers) => {
    const response = await get(path, headers);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ errors: ["Forbidden"] });
  });

  it("accepts any non-empty keys when none were configured", async () => {
    const open = await startSimulator();
    try {
      const response = await fetch(`${open.url}${path}`, {
        headers: { "DD-API-KEY": "anything", "DD-APPLICATION-KEY": "else" },
      });
      expect(response.status).toBe(200);
    } finally {
      await open.close();
    }
  });
});

describe("anything else", () => {
  it.each([
    ["an unknown API path", "GET", "/api/v2/monitors"],
    ["a path outside the API", "GET", "/"],
    ["a write to a case", "DELETE", `/api/v2/cases/${root.id}`],
  ])("answers %s with 404 in Datadog's error shape", async (_, method, path) => {
    const response = await fetch(`${sim.url}${path}`, { method, headers: KEY_HEADERS });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errors: ["Not Found"] });
  });
});

describe("the official Datadog client", () => {
  datadogLogger.setLevel("silent");

  const configure = () => {
    const configuration = client.createConfiguration({
      baseServer: new client.BaseServerConfiguration(sim.url, {}),
      authMethods: { apiKeyAuth: KEYS.apiKey, appKeyAuth: KEYS.appKey },
      enableRetry: false,
    });
    configuration.unstableOperations["v2.getIncident"] = true;
    return configuration;
  };

  it("reads links, cases and incidents from the simulator as it would from Datadog", async () => {
    const configuration = configure();
    const cases = new v2.CaseManagementApi(configuration);
    const incidents = new v2.IncidentsApi(configuration);
    const incident = demoScenario.incidents[0];

    const links = await cases.listCaseLinks({ entityType: "CASE", entityId: root.id });
    const byKey = await cases.getCase({ caseId: "PAY-101" });
    const found = await incidents.getIncident({ incidentId: incident?.id ?? "" });

    expect(links.data?.some((link) => link.attributes?.relationship === "BLOCKS")).toBe(true);
    expect(links.data?.[0]?.attributes?.parentEntityId).toMatch(/^[0-9a-f-]{36}$/);
    expect(byKey.data?.id).toBe(root.id);
    expect(byKey.data?.attributes?.key).toBe("PAY-101");
    expect(found.data.attributes?.title).toBe(incident?.title);
  });

  it("raises a 404 ApiException for a missing case", async () => {
    const cases = new v2.CaseManagementApi(configure());
    await expect(cases.getCase({ caseId: "NOPE-1" })).rejects.toMatchObject({ code: 404 });
  });
});
