import { cachePartition, type Principal } from "../auth/principal";
import type { EntityType, Link } from "../contract";
import type { Logger } from "../logger";
import type { DatadogClient, LinksAnswer } from "../upstream/datadog-client";
import { LookupCache, type LookupCacheOptions } from "./lookup-cache";

export interface LookupOptions {
  /** Skip a cached answer (Refresh). */
  fresh?: boolean;
  /** Whom the lookup is for: a person read as themselves gets their own cache and coalescing. */
  principal?: Principal;
}

export interface LinkService {
  linksOf(type: EntityType, id: string, options?: LookupOptions): Promise<LinksAnswer>;
}

export function createLinkService(
  upstream: DatadogClient,
  cacheOptions: LookupCacheOptions,
  logger: Logger,
): LinkService & { cache: LookupCache<LinksAnswer> } {
  const cache = new LookupCache<LinksAnswer>(cacheOptions);
  return {
    cache,
    linksOf(type, id, options = {}) {
      const as = options.principal?.upstream;
      return cache.get(
        `${cachePartition(options.principal)}${type}:${id.toLowerCase()}`,
        async () => {
          const answer = await upstream.listLinks(type, id, as);
          if (answer.paging) {
            // Paging is undocumented: if it ever appears, say so rather than show half a graph quietly.
            logger.warn(
              { entity: `${type}:${id}`, paging: Object.keys(answer.paging) },
              "upstream links answer is paged; only the first page is shown",
            );
          }
          return answer;
        },
        { fresh: options.fresh ?? false },
      );
    },
  };
}

export type { Link };
