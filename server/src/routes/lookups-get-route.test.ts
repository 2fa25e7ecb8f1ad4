import { describe, expect, it } from "vitest";
import type { ApiErrorBody, BatchLine } from "../contract";
import { demoScenario } from "../simulator";
import { upstreamLinkCalls, useFreshBff } from "../testing/start-bff";

const first = demoScenario.roots[0];
if (!first) throw new Error("the demo scenario has no root");

describe("GET /api/lookups", () => {
  const bff = useFreshBff();
  const get = (query: string) => fetch(`${bff().url}/api/lookups?${query}`);

  it("answers the links and label asked for as NDJSON lines, as the batch does", async () => {
    const response = await get(`links=CASE:${first.id}&entities=CASE:${first.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/x-ndjson");
    const lines = (await response.text())
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as BatchLine);
    expect(lines).toHaveLength(2);
    expect(lines.find((l) => l.kind === "links")).toMatchObject({
      id: first.id,
      data: expect.any(Array),
    });
    expect(lines.find((l) => l.kind === "entity")).toMatchObject({ data: { key: first.key } });
  });

  it.each([
    ["links=CASE", "links.0: must be TYPE:id, like CASE:<uuid>."],
    ["links=CASE:PAY-1", "links.0.id: must be a UUID."],
    ["entities=TICKET:x", "entities.0.type"],
    ["", "query: give at least one item in links or entities."],
    [`links=CASE:${"0".repeat(1001)}`, "links is too long"],
    ["links=CASE:a&links=CASE:b", "links must be given once"],
    ["other=1", 'Unknown parameter "other"'],
  ])("refuses %s in the error contract without an upstream call", async (query, says) => {
    const response = await get(query);
    expect(response.status).toBe(400);
    const body = (await response.json()) as ApiErrorBody;
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message).toContain(says);
    expect(upstreamLinkCalls(bff().sim)).toHaveLength(0);
  });
});
