import { describe, expect, it } from "vitest";
import { ApiError } from "./api-client";
import { retryDelayMs, shouldRetry } from "./retry-policy";

const error = (status: number, code: string, retryAfterSec?: number) =>
  new ApiError({ status, code: code as ApiError["code"], message: "x" }, retryAfterSec);

describe("retry policy", () => {
  it("retries upstream failures and network errors twice, then gives up", () => {
    expect(shouldRetry(0, error(502, "upstream_error"))).toBe(true);
    expect(shouldRetry(1, error(0, "network_error"))).toBe(true);
    expect(shouldRetry(2, error(502, "upstream_error"))).toBe(false);
  });

  it("never retries a 4xx other than 429", () => {
    expect(shouldRetry(0, error(404, "not_found"))).toBe(false);
    expect(shouldRetry(0, error(400, "bad_request"))).toBe(false);
    expect(shouldRetry(0, error(429, "rate_limited", 1))).toBe(true);
  });

  it("fails at once rather than wait out a long rate limit", () => {
    expect(shouldRetry(0, error(503, "upstream_rate_limited", 600))).toBe(false);
    expect(shouldRetry(0, error(503, "upstream_rate_limited", 2))).toBe(true);
  });

  it("waits as long as the server says, else backs off", () => {
    expect(retryDelayMs(0, error(503, "upstream_rate_limited", 2))).toBe(2000);
    expect(retryDelayMs(0, error(502, "upstream_error"))).toBe(500);
    expect(retryDelayMs(1, error(502, "upstream_error"))).toBe(1000);
    expect(retryDelayMs(10, error(502, "upstream_error"))).toBe(8000);
  });
});
