import { CASE_KEY_PATTERN, type EntityLabel, type EntityType } from "../contract";
import { caseUrl, incidentUrl } from "../datadog-sites";
import type { DatadogClient } from "../upstream/datadog-client";
import { canonicalId } from "./canonical-id";
import {
  type Cached,
  LookupCache,
  type LookupCacheOptions,
  type LookupOptions,
} from "./lookup-cache";
import type { RefreshLimiter } from "./refresh-limiter";

export interface EntityService {
  /** For CASE the id may be a UUID or a key; the answer always carries the UUID. */
  labelOf(type: EntityType, id: string, options?: LookupOptions): Promise<Cached<EntityLabel>>;
}

export function createEntityService(
  upstream: DatadogClient,
  cacheOptions: LookupCacheOptions,
  appUrl: string,
  refreshes?: RefreshLimiter,
): EntityService & { cache: LookupCache<EntityLabel> } {
  // A key's entry is only a pointer (`{type, id}`) to its case's UUID: the label lives once,
  // under the UUID, so a case deleted or renamed is seen the same way by key and by UUID.
  const cache = new LookupCache<EntityLabel>(cacheOptions);
  const caseLabel = async (idOrKey: string): Promise<EntityLabel> => {
    const record = await upstream.getCase(idOrKey);
    const label: EntityLabel = { type: "CASE", id: record.id, url: caseUrl(appUrl, record.id) };
    if (record.key) label.key = record.key;
    if (record.title) label.title = record.title;
    if (record.status) label.status = record.status;
    if (record.priority) label.priority = record.priority;
    if (record.assignee) label.assignee = record.assignee;
    if (record.createdAt) label.created_at = record.createdAt;
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
    if (record.createdAt) label.created_at = record.createdAt;
    return label;
  };

  const byUuid = (uuid: string, options: LookupOptions) =>
    cache.get(`CASE:${uuid}`, () => caseLabel(uuid), options);

  const byKey = async (key: string, options: LookupOptions): Promise<Cached<EntityLabel>> => {
    let learnt: EntityLabel | undefined;
    const pointer = await cache.get(
      `CASE:key:${key}`,
      async (): Promise<EntityLabel> => {
        learnt = await caseLabel(key);
        return { type: "CASE", id: canonicalId(learnt.id) };
      },
      options,
    );
    const uuid = pointer.value.id;
    if (learnt) {
      cache.set(`CASE:${uuid}`, learnt);
      return { value: learnt };
    }
    const answer = await byUuid(uuid, { ...options, fresh: false });
    if (answer.value.key === key) return answer;
    // The case moved project since: the key now means nothing or another case.
    cache.delete(`CASE:key:${key}`);
    return byKey(key, { ...options, fresh: true });
  };

  return {
    cache,
    async labelOf(type, rawId, options = {}) {
      const id = canonicalId(rawId);
      const key = `${type}:${id}`;
      const fresh =
        options.fresh === true &&
        (!refreshes || refreshes.allow(options.clientId ?? "", `label:${key}`));
      const asked = { ...options, fresh };
      switch (type) {
        case "CASE":
          return CASE_KEY_PATTERN.test(id) ? byKey(id, asked) : byUuid(id, asked);
        case "INCIDENT":
          return cache.get(`INCIDENT:${id}`, () => incidentLabel(id), asked);
        case "PAGE":
        case "AGENT_CONVERSATION":
          // No read endpoint is assumed for these: show them by type and id.
          return { value: { type, id } };
      }
    },
  };
}
