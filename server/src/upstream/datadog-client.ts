import { client, logger as datadogLogger, v2 } from "@datadog/datadog-api-client";
import type { PersonUpstreamAuth } from "../auth/principal";
import type { Link } from "../contract";
import { AppError } from "../errors";
import { type ErrorContext, mapUpstreamError } from "./map-upstream-error";
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
  /** The org's keys; absent when every call is made with a person's token. */
  credentials: { apiKey: string; appKey: string } | undefined;
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
  /** `as`: read as this person (OAuth `AuthZ`) instead of with the org's keys. */
  listLinks(entityType: string, entityId: string, as?: PersonUpstreamAuth): Promise<LinksAnswer>;
  getCase(caseIdOrKey: string, as?: PersonUpstreamAuth): Promise<CaseRecord>;
  getIncident(incidentId: string, as?: PersonUpstreamAuth): Promise<IncidentRecord>;
  /** Who a token belongs to, once at sign-in. */
  currentUser(accessToken: string): Promise<{ id: string; name?: string; email?: string }>;
}

// The client's own logger prints every transport error to the console; ours logs once.
datadogLogger.setLevel("silent");

export function createDatadogClient(options: DatadogClientOptions): DatadogClient {
  const configure = (authMethods: client.AuthMethodsConfiguration) => {
    const configuration = client.createConfiguration({
      baseServer: new client.BaseServerConfiguration(options.baseUrl, {}),
      authMethods,
      fetch: options.transport.fetch,
      // Retries live in the transport (rate limits) and the client (user-driven retry).
      enableRetry: false,
    });
    configuration.unstableOperations["v2.getIncident"] = true;
    return configuration;
  };
  const configuration = configure(
    options.credentials
      ? { apiKeyAuth: options.credentials.apiKey, appKeyAuth: options.credentials.appKey }
      : {},
  );
  // The official client's OAuth method: `Authorization: Bearer` and no org keys at all.
  const asPerson = (accessToken: string) => configure({ AuthZ: { accessToken } });

  const cases = new v2.CaseManagementApi(configuration);
  const incidents = new v2.IncidentsApi(configuration);
  const users = new v2.UsersApi(configuration);

  /**
   * One call, with the org's keys or as a person. A person's token that Datadog refuses is
   * renewed once and the call repeated, so an expired token never shows as a failure.
   */
  const call = async <T>(
    as: PersonUpstreamAuth | undefined,
    run: (perCall: client.Configuration | undefined) => Promise<T>,
  ): Promise<T> => {
    if (!as) return run(undefined);
    try {
      return await run(asPerson(as.accessToken()));
    } catch (error) {
      if (!(error instanceof client.ApiException) || error.code !== 401) throw error;
      return run(asPerson(await as.renew()));
    }
  };
  const fail = (error: unknown, as: PersonUpstreamAuth | undefined, context: ErrorContext) => {
    if (as && error instanceof client.ApiException && (error.code === 401 || error.code === 403)) {
      return error.code === 401
        ? new AppError(401, "unauthenticated", "Your Datadog sign-in has ended; sign in again.")
        : new AppError(
            403,
            "forbidden",
            `Your Datadog account may not read the ${context.what} of ${context.entity}.`,
          );
    }
    return mapUpstreamError(error, context);
  };

  return {
    async listLinks(entityType, entityId, as) {
      try {
        return toLinks(
          await call(as, (perCall) => cases.listCaseLinks({ entityType, entityId }, perCall)),
        );
      } catch (error) {
        throw fail(error, as, { what: "links", entity: `${entityType} ${entityId}` });
      }
    },
    async getCase(caseIdOrKey, as) {
      try {
        return toCaseRecord(
          await call(as, (perCall) => cases.getCase({ caseId: caseIdOrKey }, perCall)),
        );
      } catch (error) {
        throw fail(error, as, { what: "case", entity: `case ${caseIdOrKey}` });
      }
    },
    async getIncident(incidentId, as) {
      try {
        return toIncidentRecord(
          await call(as, (perCall) => incidents.getIncident({ incidentId }, perCall)),
        );
      } catch (error) {
        throw fail(error, as, { what: "incident", entity: `incident ${incidentId}` });
      }
    },
    async currentUser(accessToken) {
      try {
        const response = await users.getCurrentUser(asPerson(accessToken));
        const id = response.data?.id;
        if (!id) throw new Error("no user id");
        return {
          id,
          ...(response.data?.attributes?.name ? { name: response.data.attributes.name } : {}),
          ...(response.data?.attributes?.email ? { email: response.data.attributes.email } : {}),
        };
      } catch (error) {
        if (error instanceof client.ApiException && (error.code === 401 || error.code === 403))
          throw new AppError(
            401,
            "unauthenticated",
            "Datadog did not accept the sign-in; start again.",
          );
        throw new AppError(502, "upstream_error", "Datadog did not say who signed in; try again.");
      }
    },
  };
}
