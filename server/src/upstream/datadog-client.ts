import { client, logger as datadogLogger, v2 } from "@datadog/datadog-api-client";
import type { Link } from "../contract";
import { mapUpstreamError } from "./map-upstream-error";
import {
  type CaseRecord,
  type IncidentRecord,
  toCaseRecord,
  toIncidentRecord,
  toLinks,
} from "./to-contract";
import type { UpstreamFetch } from "./upstream-fetch";

export interface DatadogClientOptions {
  baseUrl: string;
  credentials: { apiKey: string; appKey: string };
  transport: UpstreamFetch;
}

export interface LinksAnswer {
  links: Link[];
  /** Paging members the upstream sent and we could not follow: never dropped silently. */
  paging?: Record<string, unknown>;
}

/**
 * The only module that talks to Datadog. It can reach three read endpoints and nothing
 * else, and every failure leaves it as an AppError.
 */
export interface DatadogClient {
  listLinks(entityType: string, entityId: string): Promise<LinksAnswer>;
  getCase(caseIdOrKey: string): Promise<CaseRecord>;
  getIncident(incidentId: string): Promise<IncidentRecord>;
}

// The client's own logger prints every transport error to the console; ours logs once.
datadogLogger.setLevel("silent");

export function createDatadogClient(options: DatadogClientOptions): DatadogClient {
  const configuration = client.createConfiguration({
    baseServer: new client.BaseServerConfiguration(options.baseUrl, {}),
    authMethods: {
      apiKeyAuth: options.credentials.apiKey,
      appKeyAuth: options.credentials.appKey,
    },
    fetch: options.transport.fetch,
    // Retries live in the transport (rate limits) and the client (user-driven retry).
    enableRetry: false,
  });
  configuration.unstableOperations["v2.getIncident"] = true;

  const cases = new v2.CaseManagementApi(configuration);
  const incidents = new v2.IncidentsApi(configuration);

  return {
    async listLinks(entityType, entityId) {
      try {
        const response = await cases.listCaseLinks({ entityType, entityId });
        return toLinks(response);
      } catch (error) {
        throw mapUpstreamError(error, { what: "links", entity: `${entityType} ${entityId}` });
      }
    },
    async getCase(caseIdOrKey) {
      try {
        return toCaseRecord(await cases.getCase({ caseId: caseIdOrKey }));
      } catch (error) {
        throw mapUpstreamError(error, { what: "case", entity: `case ${caseIdOrKey}` });
      }
    },
    async getIncident(incidentId) {
      try {
        return toIncidentRecord(await incidents.getIncident({ incidentId }));
      } catch (error) {
        throw mapUpstreamError(error, { what: "incident", entity: `incident ${incidentId}` });
      }
    },
  };
}
