import { CASE_KEY_PATTERN, type EntityLabel, type EntityType } from "../contract";
import { caseUrl, incidentUrl } from "../datadog-sites";
import type { DatadogClient } from "../upstream/datadog-client";
import { LookupCache, type LookupCacheOptions, type LookupTier } from "./lookup-cache";

export interface EntityService {
  /** For CASE the id may be a UUID or a key; the answer always carries the UUID. */
  labelOf(type: EntityType, id: string, options?: { fresh?: boolean }): Promise<EntityLabel>;
}

export function createEntityService(
  upstream: DatadogClient,
  cacheOptions: LookupCacheOptions,
  appUrl: string,
  /** A shared tier behind the in-memory cache (Redis, with several replicas). */
  tier?: LookupTier<EntityLabel>,
): EntityService & { cache: LookupCache<EntityLabel> } {
  const cache = new LookupCache<EntityLabel>(cacheOptions, tier);

  const caseLabel = async (idOrKey: string): Promise<EntityLabel> => {
    const record = await upstream.getCase(idOrKey);
    const label: EntityLabel = { type: "CASE", id: record.id, url: caseUrl(appUrl, record.id) };
    if (record.key) label.key = record.key;
    if (record.title) label.title = record.title;
    if (record.status) label.status = record.status;
    if (record.priority) label.priority = record.priority;
    if (record.assignee) label.assignee = record.assignee;
    return label;
  };

  const incidentLabel = async (id: string): Promise<EntityLabel> => {
    const record = await upstream.getIncident(id);
    const label: EntityLabel = { type: "INCIDENT", id: record.id };
    if (record.publicId !== undefined) {
      label.key = `INC-${record.publicId}`;
      label.url = incidentUrl(appUrl, record.publicId);
    }
    if (record.title) label.title = record.title;
    if (record.state) label.status = record.state;
    if (record.severity) label.priority = record.severity;
    return label;
  };

  return {
    cache,
    async labelOf(type, id, options = {}) {
      switch (type) {
        case "CASE": {
          if (CASE_KEY_PATTERN.test(id)) {
            const label = await cache.get(`CASE:key:${id}`, () => caseLabel(id), options);
            // Lookups by UUID reuse what a lookup by key already learnt.
            if (!cache.peek(`CASE:${label.id.toLowerCase()}`))
              cache.set(`CASE:${label.id.toLowerCase()}`, label);
            return label;
          }
          return cache.get(`CASE:${id.toLowerCase()}`, () => caseLabel(id), options);
        }
        case "INCIDENT":
          return cache.get(`INCIDENT:${id.toLowerCase()}`, () => incidentLabel(id), options);
        case "PAGE":
        case "AGENT_CONVERSATION":
          // No read endpoint is assumed for these: show them by type and id.
          return { type, id };
      }
    },
  };
}
