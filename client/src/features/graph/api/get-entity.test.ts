import { QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../../lib/api-client";
import { configQueryOptions } from "./get-config";
import { entityQueryOptions, getEntity, labelQueryOptions } from "./get-entity";
import { linksQueryOptions } from "./get-links";
import { entityKeys } from "./query-keys";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("getEntity", () => {
  it("resolves a case key to the entity's label, which carries the UUID", async () => {
    const label = { type: "CASE", id: "9daaa414-0000-4000-8000-000000000001", key: "PAY-101" };
    const fetch = vi.fn<typeof globalThis.fetch>(async () => Response.json({ data: label }));
    vi.stubGlobal("fetch", fetch);
    await expect(getEntity("CASE", "PAY-101")).resolves.toEqual(label);
    expect(fetch.mock.calls[0]?.[0]).toBe("/api/entities/CASE/PAY-101");
  });

  it("escapes what it puts in the path", async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () =>
      Response.json({ data: { type: "PAGE", id: "a/b" } }),
    );
    vi.stubGlobal("fetch", fetch);
    await getEntity("PAGE", "a/b?c");
    expect(fetch.mock.calls[0]?.[0]).toBe("/api/entities/PAGE/a%2Fb%3Fc");
  });

  it("fails with the server's not-found error", async () => {
    const body = {
      error: { status: 404, code: "not_found", message: "Case PAY-9 was not found." },
    };
    vi.stubGlobal(
      "fetch",
      vi.fn<typeof globalThis.fetch>(async () => Response.json(body, { status: 404 })),
    );
    const error = await getEntity("CASE", "PAY-9").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
  });
});

describe("query options", () => {
  const ref = { type: "CASE" as const, id: "a" };

  it("files links and labels under the entity, so one key refreshes both", () => {
    expect(linksQueryOptions(ref).queryKey).toEqual(["entity", "CASE", "a", "links"]);
    expect(labelQueryOptions(ref).queryKey).toEqual(["entity", "CASE", "a", "label"]);
    expect(entityQueryOptions("CASE", "PAY-1").queryKey).toEqual(["entity", "CASE", "PAY-1"]);
    expect(entityKeys.detail("CASE", "a")).toEqual(linksQueryOptions(ref).queryKey.slice(0, 3));
  });

  it("keeps links for a minute and the configuration for good", () => {
    expect(linksQueryOptions(ref).staleTime).toBe(60_000);
    expect(configQueryOptions().staleTime).toBe(Number.POSITIVE_INFINITY);
  });

  it("caches the links as the loader returned them", async () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const links = [
      {
        id: "l1",
        type: "link" as const,
        attributes: {
          parent_entity_id: "a",
          parent_entity_type: "CASE",
          child_entity_id: "b",
          child_entity_type: "CASE",
          relationship: "BLOCKS",
        },
      },
    ];
    const loader = {
      loadLinks: vi.fn(async () => links),
      loadLabel: vi.fn(),
      revalidateAll: vi.fn(),
    };
    await queryClient.fetchQuery(linksQueryOptions(ref, loader));
    await queryClient.fetchQuery(linksQueryOptions(ref, loader));
    expect(loader.loadLinks).toHaveBeenCalledTimes(1);
    expect(queryClient.getQueryData(entityKeys.links("CASE", "a"))).toBe(links);
  });
});
