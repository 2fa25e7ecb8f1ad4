import type { EntityType, Link } from "../contract";
import type { Logger } from "../logger";
import type { DatadogClient, LinksAnswer } from "../upstream/datadog-client";
import { LookupCache, type LookupCacheOptions, type LookupTier } from "./lookup-cache";

export interface LinkService {
  linksOf(type: EntityType, id: string, options?: { fresh?: boolean }): Promise<LinksAnswer>;
}

export function createLinkService(
  upstream: DatadogClient,
  cacheOptions: LookupCacheOptions,
  logger: Logger,
  /** A shared tier behind the in-memory cache (Redis, with several replicas). */
  tier?: LookupTier<LinksAnswer>,
): LinkService & { cache: LookupCache<LinksAnswer> } {
  const cache = new LookupCache<LinksAnswer>(cacheOptions, tier);
  return {
    cache,
    linksOf(type, id, options = {}) {
      return cache.get(
        `${type}:${id.toLowerCase()}`,
        async () => {
          const answer = await upstream.listLinks(type, id);
          if (answer.paging) {
            // Paging is undocumented: if it ever appears, say so rather than show half a graph quietly.
            logger.warn(
              { entity: `${type}:${id}`, paging: Object.keys(answer.paging) },
              "upstream links answer is paged; only the first page is shown",
            );
          }
          return answer;
        },
        options,
      );
    },
  };
}

export type { Link };
