import { describe, expect, it } from "vitest";
import { upstreamErrorSummary } from "./upstream-error-summary";

describe("upstreamErrorSummary", () => {
  it("reads the documented plain-string form", () => {
    expect(upstreamErrorSummary({ errors: ["Bad Request"] })).toBe("Bad Request");
  });

  it("reads the object form Datadog really sends, with detail and status", () => {
    expect(
      upstreamErrorSummary({ errors: [{ code: "resource_not_found", title: "case not found" }] }),
    ).toBe("resource_not_found case not found");
    expect(
      upstreamErrorSummary({
        errors: [{ status: "400", title: "Bad Request", detail: "entity_id is invalid" }],
      }),
    ).toBe("400 Bad Request entity_id is invalid");
  });

  it("reads a body the client left as text", () => {
    expect(upstreamErrorSummary('{"errors":["Forbidden"]}')).toBe("Forbidden");
  });

  it("says nothing for bodies that are not Datadog errors", () => {
    expect(upstreamErrorSummary("<html>Bad Gateway</html>")).toBeUndefined();
    expect(upstreamErrorSummary({ message: "nope" })).toBeUndefined();
    expect(upstreamErrorSummary(undefined)).toBeUndefined();
  });

  it("cuts a long body short", () => {
    const summary = upstreamErrorSummary({ errors: ["x".repeat(5000)] });
    expect(summary?.length).toBeLessThanOrEqual(200);
  });
});
