import { cachePartition, type PersonUpstreamAuth } from "../auth/principal";
import { CASE_KEY_PATTERN, type EntityLabel, type EntityType } from "../contract";
import { caseUrl, incidentUrl } from "../datadog-sites";
import type { DatadogClient } from "../upstream/datadog-client";
import type { LookupOptions } from "./link-service";
import { LookupCache, type LookupCacheOptions } from "./lookup-cache";

export interface EntityService {
  /** For CASE the id may be a UUID or a key; the answer always carries the UUID. */
  labelOf(type: EntityType, id: string, options?: LookupOptions): Promise<EntityLabel>;
}

export function createEntityService(
  upstream: DatadogClient,
  cacheOptions: LookupCacheOptions,
  appUrl: string,
): EntityService & { cache: LookupCache<EntityLabel> } {
  const cache = new LookupCache<EntityLabel>(cacheOptions);

  const caseLabel = async (idOrKey: string, as?: PersonUpstreamAuth): Promise<EntityLabel> => {
    const record = await upstream.getCase(idOrKey, as);
    const label: EntityLabel = { type: "CASE", id: record.id, url: caseUrl(appUrl, record.id) };
    if (record.key) label.key = record.key;
    if (record.title) label.title = record.title;
    if (record.status) label.status = record.status;
    if (record.priority) label.priority = record.priority;
    if (record.assignee) label.assignee = record.assignee;
    if (record.createdAt) label.created_at = record.createdAt;
    return label;
  };

  const incidentLabel = async (id: string, as?: PersonUpstreamAuth): Promise<EntityLabel> => {
    const record = await upstream.getIncident(id, as);
    const label: EntityLabel = { type: "INCIDENT", id: record.id };
    if (record.publicId !== undefined) {
      label.key = `INC-${record.publicId}`;
      label.url = incidentUrl(appUrl, record.publicId);
    }
    if (record.title) label.title = record.title;
    if (record.state) label.status = record.state;
    if (record.severity) label.priority = record.severity;
    if (record.createdAt) label.created_at = record.createdAt;
    return label;
  };

  return {
    cache,
    async labelOf(type, id, options = {}) {
      const as = options.principal?.upstream;
      const partition = cachePartition(options.principal);
      const fresh = { fresh: options.fresh ?? false };
      switch (type) {
        case "CASE": {
          if (CASE_KEY_PATTERN.test(id)) {
            const label = await cache.get(
              `${partition}CASE:key:${id}`,
              () => caseLabel(id, as),
              fresh,
            );
            // Lookups by UUID reuse what a lookup by key already learnt.
            const byId = `${partition}CASE:${label.id.toLowerCase()}`;
            if (!cache.peek(byId)) cache.set(byId, label);
            return label;
          }
          return cache.get(`${partition}CASE:${id.toLowerCase()}`, () => caseLabel(id, as), fresh);
        }
        case "INCIDENT":
          return cache.get(
            `${partition}INCIDENT:${id.toLowerCase()}`,
            () => incidentLabel(id, as),
            fresh,
          );
        case "PAGE":
        case "AGENT_CONVERSATION":
          // No read endpoint is assumed for these: show them by type and id.
          return { type, id };
      }
    },
  };
}
