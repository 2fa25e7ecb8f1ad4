import { describe, expect, it } from "vitest";
import { queryRecord, RequestLog, type RequestLogEntry } from "./request-log";

const entry = (n: number): RequestLogEntry => ({
  at: new Date(0).toISOString(),
  method: "GET",
  path: `/api/v2/cases/CASE-${n}`,
  query: {},
  status: 200,
  hasKeys: true,
});

describe("RequestLog", () => {
  it("keeps only the newest entries, oldest first", () => {
    const log = new RequestLog(3);
    for (let n = 1; n <= 5; n += 1) log.add(entry(n));
    expect(log.entries().map((logged) => logged.path)).toEqual([
      "/api/v2/cases/CASE-3",
      "/api/v2/cases/CASE-4",
      "/api/v2/cases/CASE-5",
    ]);
  });

  it("starts over after clear()", () => {
    const log = new RequestLog(2);
    for (let n = 1; n <= 3; n += 1) log.add(entry(n));
    log.clear();
    log.add(entry(9));
    expect(log.entries()).toEqual([entry(9)]);
  });
});

describe("queryRecord", () => {
  it("keeps single values as strings and repeated ones as arrays", () => {
    expect(queryRecord(new URLSearchParams("a=1&b=2&b=3"))).toEqual({ a: "1", b: ["2", "3"] });
  });

  it("redacts keys passed as query parameters", () => {
    expect(queryRecord(new URLSearchParams("api_key=s3cret&Application_Key=t0p"))).toEqual({
      api_key: "[redacted]",
      Application_Key: "[redacted]",
    });
  });
});
