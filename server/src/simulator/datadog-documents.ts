import { stableUuid } from "./prng";
import type { ScenarioIndex } from "./scenario-index";
import type { SimCase, SimIncident, SimUser } from "./scenarios/scenario";

const STATUS_NAMES: Record<SimCase["status"], { name: string; group: string }> = {
  OPEN: { name: "Open", group: "SG_OPEN" },
  IN_PROGRESS: { name: "In Progress", group: "SG_IN_PROGRESS" },
  CLOSED: { name: "Closed", group: "SG_CLOSED" },
};

interface UserReference {
  data: { id: string; type: "user" };
}

/** `GET /api/v2/cases/{case_id}` 200 body, shaped like the recorded real response. */
export function caseDocument(simCase: SimCase, index: ScenarioIndex) {
  const creatorId = simCase.createdById ?? index.scenario.users[0]?.id;
  const projectKey = simCase.key.split("-")[0] ?? simCase.key;
  const relationships: Record<string, UserReference | { data: { id: string; type: "project" } }> =
    {};
  if (creatorId !== undefined) relationships.created_by = userReference(creatorId);
  if (simCase.assigneeId !== undefined) relationships.assignee = userReference(simCase.assigneeId);
  relationships.project = { data: { id: stableUuid(`project:${projectKey}`), type: "project" } };

  const included: { type: "user"; id: string; attributes: { name: string; email: string } }[] = [];
  for (const userId of new Set([creatorId, simCase.assigneeId])) {
    const user = userId === undefined ? undefined : index.findUser(userId);
    if (user !== undefined) included.push(userResource(user));
  }

  const status = STATUS_NAMES[simCase.status];
  return {
    data: {
      id: simCase.id,
      type: "case",
      attributes: {
        key: simCase.key,
        title: simCase.title,
        description: "",
        status: simCase.status,
        status_name: status.name,
        status_group: status.group,
        priority: simCase.priority,
        type: "STANDARD",
        created_at: simCase.createdAt,
        modified_at: simCase.createdAt,
        ...(simCase.status === "CLOSED" ? { closed_at: simCase.createdAt } : {}),
        merge_status: "NOT_MERGED",
        public_id: index.publicIdOf(simCase.id),
        custom_attributes: {},
        attributes: {},
        comment_count: 0,
        insights: [],
      },
      relationships,
    },
    included,
  };
}

function userReference(id: string): UserReference {
  return { data: { id, type: "user" } };
}

function userResource(user: SimUser) {
  return { type: "user" as const, id: user.id, attributes: { name: user.name, email: user.email } };
}

/** `GET /api/v2/incidents/{incident_id}` 200 body. */
export function incidentDocument(incident: SimIncident) {
  return {
    data: {
      id: incident.id,
      type: "incidents",
      attributes: {
        title: incident.title,
        public_id: incident.publicId,
        created: incident.createdAt,
        modified: incident.createdAt,
        customer_impacted: true,
        fields: {
          severity: { type: "dropdown", value: incident.severity },
          state: { type: "dropdown", value: incident.state },
        },
      },
      relationships: {},
    },
  };
}

/** Both shapes of error body occur in real Datadog answers; each endpoint uses the one it does. */
export const errorBodies = {
  forbidden: { errors: ["Forbidden"] },
  unauthorized: { errors: ["Unauthorized"] },
  notFound: { errors: ["Not Found"] },
  internal: { errors: ["Internal Server Error"] },
  tooManyRequests: { errors: ["Too many requests"] },
  caseNotFound: { errors: [{ code: "resource_not_found", title: "case not found" }] },
  entityNotFound: { errors: [{ code: "resource_not_found", title: "entity not found" }] },
  badRequest: (detail: string) => ({
    errors: [{ status: "400", title: "Bad Request", detail }],
  }),
};
