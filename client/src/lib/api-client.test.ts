import { describe, expect, it, vi } from "vitest";
import { ApiError, getJson, parseRetryAfter, postJson } from "./api-client";

function answering(response: Response) {
  return vi.fn<typeof globalThis.fetch>(async () => response);
}

async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

describe("getJson", () => {
  it("returns the parsed body of a successful answer", async () => {
    const fetch = answering(Response.json({ data: [1, 2] }));
    await expect(getJson("/api/links", { fetch })).resolves.toEqual({ data: [1, 2] });
    expect(fetch).toHaveBeenCalledWith("/api/links", expect.objectContaining({ method: "GET" }));
  });

  it("passes the contract's error body through", async () => {
    const body = {
      error: { status: 404, code: "not_found", message: "Case PAY-9 was not found." },
    };
    const error = await failureOf(
      getJson("/api/entities/CASE/PAY-9", {
        fetch: answering(Response.json(body, { status: 404 })),
      }),
    );
    expect(error.toDetail()).toEqual(body.error);
    expect(error.retryAfterSec).toBeUndefined();
  });

  it("reads Retry-After from a rate-limited answer", async () => {
    const body = { error: { status: 503, code: "upstream_rate_limited", message: "Slow down." } };
    const response = Response.json(body, { status: 503, headers: { "Retry-After": "7" } });
    const error = await failureOf(getJson("/api/links", { fetch: answering(response) }));
    expect(error.status).toBe(503);
    expect(error.code).toBe("upstream_rate_limited");
    expect(error.retryAfterSec).toBe(7);
  });

  it("explains an error answer whose body is not the contract's (a proxy's HTML page)", async () => {
    const response = new Response("<html>Bad Gateway</html>", {
      status: 502,
      statusText: "Bad Gateway",
      headers: { "Content-Type": "text/html" },
    });
    const error = await failureOf(getJson("/api/config", { fetch: answering(response) }));
    expect(error.status).toBe(502);
    expect(error.code).toBe("invalid_response");
    expect(error.message).toBe(
      "GET /api/config failed with HTTP 502 Bad Gateway and an answer that is not a casegraph error.",
    );
  });

  it("reports a successful answer that is not JSON", async () => {
    const error = await failureOf(
      getJson("/api/config", { fetch: answering(new Response("<!doctype html>")) }),
    );
    expect(error.status).toBe(200);
    expect(error.code).toBe("invalid_response");
    expect(error.message).toBe("The server's answer to GET /api/config is not valid JSON.");
  });

  it("turns a network failure into status 0 and network_error", async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => {
      throw new TypeError("fetch failed");
    });
    const error = await failureOf(getJson("/api/config", { fetch }));
    expect(error.status).toBe(0);
    expect(error.code).toBe("network_error");
    expect(error.message).toBe(
      "GET /api/config could not reach the server (fetch failed). Check your connection and try again.",
    );
  });

  it("lets an abort through untouched, since a cancelled request is no failure", async () => {
    const controller = new AbortController();
    const abort = new DOMException("The operation was aborted.", "AbortError");
    const fetch = vi.fn<typeof globalThis.fetch>(async () => {
      controller.abort(abort);
      throw abort;
    });
    await expect(getJson("/api/config", { fetch, signal: controller.signal })).rejects.toBe(abort);
  });
});

describe("postJson", () => {
  it("sends the body as JSON and parses the answer", async () => {
    const fetch = answering(Response.json({ ok: true }));
    await expect(postJson("/api/batch", { links: [] }, { fetch })).resolves.toEqual({ ok: true });
    const init = fetch.mock.calls[0]?.[1];
    expect(init?.method).toBe("POST");
    expect(init?.body).toBe('{"links":[]}');
  });

  it("normalises its failures the same way", async () => {
    const body = {
      error: { status: 400, code: "bad_request", message: "links must be an array." },
    };
    const error = await failureOf(
      postJson("/api/batch", {}, { fetch: answering(Response.json(body, { status: 400 })) }),
    );
    expect(error.toDetail()).toEqual(body.error);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates, and ignores nonsense", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter("30", now)).toBe(30);
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:10 GMT", now)).toBe(10);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
