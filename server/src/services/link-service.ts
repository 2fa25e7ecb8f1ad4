import type { EntityType, Link } from "../contract";
import type { Logger } from "../logger";
import type { DatadogClient, LinksAnswer } from "../upstream/datadog-client";
import { canonicalId } from "./canonical-id";
import {
  type Cached,
  LookupCache,
  type LookupCacheOptions,
  type LookupOptions,
} from "./lookup-cache";
import type { RefreshLimiter } from "./refresh-limiter";

export interface LinkService {
  linksOf(type: EntityType, id: string, options?: LookupOptions): Promise<Cached<LinksAnswer>>;
}

export function createLinkService(
  upstream: DatadogClient,
  cacheOptions: LookupCacheOptions,
  logger: Logger,
  refreshes?: RefreshLimiter,
): LinkService & { cache: LookupCache<LinksAnswer> } {
  const cache = new LookupCache<LinksAnswer>(cacheOptions);
  return {
    cache,
    linksOf(type, rawId, options = {}) {
      const id = canonicalId(rawId);
      const key = `${type}:${id}`;
      const fresh =
        options.fresh === true &&
        (!refreshes || refreshes.allow(options.clientId ?? "", `links:${key}`));
      return cache.get(
        key,
        async () => {
          const answer = await upstream.listLinks(type, id);
          if (answer.paging) {
            // Paging is undocumented: if it ever appears, say so rather than show half a graph quietly.
            logger.warn(
              { entity: key, paging: Object.keys(answer.paging) },
              "upstream links answer is paged; only the first page is shown",
            );
          }
          return answer;
        },
        { ...options, fresh },
      );
    },
  };
}

export type { Link };
