import { describe, expect, it } from "vitest";
import { type ApiErrorBody, BATCH_MAX_ITEMS, type BatchLine } from "../contract";
import { demoScenario } from "../simulator";
import { type RunningBff, upstreamLinkCalls, useFreshBff } from "../testing/start-bff";

const roots = demoScenario.roots;
const first = roots[0];
if (!first) throw new Error("the demo scenario has no root");

function post(bff: RunningBff, body: unknown, contentType = "application/json") {
  return fetch(`${bff.url}/api/batch`, {
    method: "POST",
    headers: { "Content-Type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function lines(response: Response): Promise<BatchLine[]> {
  const text = await response.text();
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as BatchLine);
}

describe("POST /api/batch", () => {
  const bff = useFreshBff();

  it("answers one NDJSON line per requested lookup, links and labels together", async () => {
    const response = await post(bff(), {
      links: roots.map((r) => ({ type: "CASE", id: r.id })),
      entities: roots.map((r) => ({ type: "CASE", id: r.id })),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/x-ndjson");
    const answer = await lines(response);
    expect(answer).toHaveLength(roots.length * 2);
    for (const root of roots) {
      const links = answer.find((l) => l.kind === "links" && l.id === root.id);
      const label = answer.find((l) => l.kind === "entity" && l.id === root.id);
      expect(links && "data" in links && Array.isArray(links.data)).toBe(true);
      expect(label && "data" in label ? label.data : undefined).toMatchObject({ key: root.key });
    }
  });

  it("streams each answer as it is ready rather than waiting for the slowest", async () => {
    const slow = roots[1];
    if (!slow) throw new Error("the demo scenario needs two roots");
    bff().sim.setKnobs({ faults: { [slow.id]: "hang" } });
    const response = await post(bff(), {
      links: [
        { type: "CASE", id: first.id },
        { type: "CASE", id: slow.id },
      ],
    });
    const reader = response.body?.getReader();
    if (!reader) throw new Error("no body");
    const { value } = await reader.read();
    const firstLine = JSON.parse(new TextDecoder().decode(value).split("\n")[0] ?? "") as BatchLine;
    expect(firstLine).toMatchObject({ kind: "links", id: first.id });
    await reader.cancel();
  });

  it("reports a failed lookup on its own line and answers the rest", async () => {
    bff().sim.setKnobs({ faults: { [first.id]: "error" } });
    const answer = await lines(
      await post(bff(), { links: roots.map((r) => ({ type: "CASE", id: r.id })) }),
    );
    const failed = answer.find((l) => l.id === first.id);
    expect(failed && "error" in failed ? failed.error : undefined).toMatchObject({
      status: 502,
      code: "upstream_error",
    });
    expect(answer.filter((l) => "data" in l)).toHaveLength(roots.length - 1);
  });

  it("tells how long to wait in a rate-limited line, and logs the failure", async () => {
    bff().sim.setKnobs({ faults: { [first.id]: "rate_limited" }, faultResetSec: 30 });
    const answer = await lines(await post(bff(), { links: [{ type: "CASE", id: first.id }] }));
    const line = answer[0];
    expect(line && "error" in line ? line.error : undefined).toMatchObject({
      status: 503,
      code: "upstream_rate_limited",
      retry_after_s: 30,
    });
    expect(bff().logs.join("\n")).toContain(`links of CASE ${first.id}`);
  });

  it("looks each entity up once however often it is asked for", async () => {
    const ref = { type: "CASE", id: first.id };
    await Promise.all([
      post(bff(), { links: [ref, ref, ref] }).then(lines),
      post(bff(), { links: [ref] }).then(lines),
    ]);
    expect(upstreamLinkCalls(bff().sim, first.id)).toHaveLength(1);
  });

  it("answers from the cache, and goes back to Datadog when asked with Cache-Control: no-cache", async () => {
    const body = JSON.stringify({ links: [{ type: "CASE", id: first.id }] });
    const send = (headers: Record<string, string> = {}) =>
      fetch(`${bff().url}/api/batch`, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...headers },
        body,
      }).then(lines);
    await send();
    await send();
    expect(upstreamLinkCalls(bff().sim, first.id)).toHaveLength(1);
    await send({ "Cache-Control": "no-cache" });
    expect(upstreamLinkCalls(bff().sim, first.id)).toHaveLength(2);
  });

  it.each<[string, unknown, string, number]>([
    ["not JSON", "{links:", "not valid JSON", 400],
    ["an empty batch", {}, "at least one item", 400],
    ["an unknown member", { links: [], extra: 1 }, "extra", 400],
    ["a bad entity type", { links: [{ type: "TICKET", id: first.id }] }, "links.0.type", 400],
    [
      "a key where links need a UUID",
      { links: [{ type: "CASE", id: "PAY-101" }] },
      "links.0.id",
      400,
    ],
    ["a bad label id", { entities: [{ type: "CASE", id: "../../x" }] }, "entities.0.id", 400],
    [
      "too many items",
      {
        links: Array.from({ length: BATCH_MAX_ITEMS + 1 }, () => ({ type: "CASE", id: first.id })),
      },
      `at most ${BATCH_MAX_ITEMS}`,
      400,
    ],
    ["an oversized body", { links: [{ type: "CASE", id: "x".repeat(70_000) }] }, "too large", 413],
  ])("refuses %s before any upstream call", async (_what, body, names, status) => {
    const response = await post(bff(), body);
    expect(response.status).toBe(status);
    expect(((await response.json()) as ApiErrorBody).error.message).toContain(names);
    expect(bff().sim.requests()).toHaveLength(0);
  });

  it("refuses a body that is not JSON with 415 and a GET with 405", async () => {
    const wrongType = await post(bff(), "links=1", "application/x-www-form-urlencoded");
    expect(wrongType.status).toBe(415);
    expect(((await wrongType.json()) as ApiErrorBody).error.code).toBe("unsupported_media_type");
    const get = await fetch(`${bff().url}/api/batch`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
  });
});
