import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody } from "../contract";
import { demoScenario } from "../simulator";
import { type RunningBff, startBff } from "../testing/start-bff";

const uuid = demoScenario.roots[0]?.id ?? "";
const long = "A".repeat(150);

/** [description, path, parameter the message must name, expected status] */
const cases: Array<[string, string, string, number?]> = [
  ["missing entity_type", `/api/links?entity_id=${uuid}`, "entity_type"],
  ["missing entity_id", "/api/links?entity_type=CASE", "entity_id"],
  ["empty entity_id", "/api/links?entity_type=CASE&entity_id=", "entity_id"],
  ["unknown entity_type", `/api/links?entity_type=TICKET&entity_id=${uuid}`, "entity_type"],
  ["lower-case entity_type", `/api/links?entity_type=case&entity_id=${uuid}`, "entity_type"],
  ["entity_id not a UUID", "/api/links?entity_type=CASE&entity_id=12345", "entity_id"],
  ["entity_id a case key", "/api/links?entity_type=CASE&entity_id=PAY-101", "entity_id"],
  [
    "entity_id with a path in it",
    "/api/links?entity_type=CASE&entity_id=..%2F..%2Fv1%2Fvalidate",
    "entity_id",
  ],
  [
    "entity_id with CR/LF",
    `/api/links?entity_type=CASE&entity_id=${uuid}%0D%0AX-Evil:%201`,
    "entity_id",
  ],
  ["entity_id with a NUL", `/api/links?entity_type=CASE&entity_id=${uuid}%00`, "entity_id"],
  [
    "repeated entity_id",
    `/api/links?entity_type=CASE&entity_id=${uuid}&entity_id=${uuid}`,
    "entity_id",
  ],
  [
    "repeated entity_type",
    `/api/links?entity_type=CASE&entity_type=CASE&entity_id=${uuid}`,
    "entity_type",
  ],
  ["overlong entity_id", `/api/links?entity_type=CASE&entity_id=${long}`, "entity_id"],
  [
    "bad relationship",
    `/api/links?entity_type=CASE&entity_id=${uuid}&relationship=blocks;drop`,
    "relationship",
  ],
  ["unknown parameter", `/api/links?entity_type=CASE&entity_id=${uuid}&page=2`, "page"],
  ["unknown entity type in path", `/api/entities/TICKET/${uuid}`, "type"],
  ["case id neither UUID nor key", "/api/entities/CASE/not-a-key!", "id"],
  ["incident id not a UUID", "/api/entities/INCIDENT/PAY-101", "id"],
  ["encoded slash in case id", "/api/entities/CASE/..%2F..%2Fv2%2Fusers", "id"],
  ["overlong case id", `/api/entities/CASE/${long}`, "id"],
  ["query on entities", `/api/entities/CASE/${uuid}?include=secrets`, "include"],
  ["malformed percent-encoding", "/api/entities/CASE/%E0%A4%A", "percent-encoding"],
];

describe("bad input", () => {
  let bff: RunningBff;
  beforeAll(async () => {
    bff = await startBff();
  });
  afterAll(() => bff.close());

  it.each(cases)(
    "%s: 400 naming the parameter, no upstream call",
    async (_what, path, names, status = 400) => {
      bff.sim.clearRequests();
      const response = await fetch(`${bff.url}${path}`);
      expect(response.status).toBe(status);
      const body = (await response.json()) as ApiErrorBody;
      expect(body.error.status).toBe(status);
      expect(body.error.code).toBe("bad_request");
      expect(body.error.message).toContain(names);
      expect(bff.sim.requests()).toHaveLength(0);
    },
  );

  it("answers an unknown API path 404 and a wrong method 405 in the error contract", async () => {
    const missing = await fetch(`${bff.url}/api/v2/cases/link`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as ApiErrorBody).error.code).toBe("not_found");
    const wrongMethod = await fetch(`${bff.url}/api/links?entity_type=CASE&entity_id=${uuid}`, {
      method: "DELETE",
    });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toContain("GET");
    expect(((await wrongMethod.json()) as ApiErrorBody).error.code).toBe("method_not_allowed");
    expect(bff.sim.requests()).toHaveLength(0);
  });

  it("answers other paths and methods outside the API in the error contract too", async () => {
    const response = await fetch(`${bff.url}/healthz`, { method: "POST" });
    expect(response.status).toBe(404);
    expect(((await response.json()) as ApiErrorBody).error.code).toBe("not_found");
  });

  it("still answers good requests after bad ones", async () => {
    const response = await fetch(`${bff.url}/api/links?entity_type=CASE&entity_id=${uuid}`);
    expect(response.status).toBe(200);
  });
});
