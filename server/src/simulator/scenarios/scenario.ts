import type { CasePriority, CaseStatus } from "../../contract";

/** An entity a link points at; `type` is a string because the upstream may invent new ones. */
export interface SimEntityRef {
  type: string;
  id: string;
}

export interface SimCase {
  id: string;
  key: string;
  title: string;
  status: CaseStatus;
  priority: CasePriority;
  assigneeId?: string;
  /** Falls back to the scenario's first user. */
  createdById?: string;
  /** ISO 8601 timestamp. */
  createdAt: string;
  /** Users who may read this case with their own token; unset: the whole org. Keys see all. */
  visibleTo?: string[];
}

export interface SimIncident {
  id: string;
  publicId: number;
  title: string;
  /** e.g. SEV-1 or UNKNOWN */
  severity: string;
  /** active, stable or resolved */
  state: string;
  createdAt: string;
}

export interface SimUser {
  id: string;
  name: string;
  email: string;
}

export interface SimLink {
  id: string;
  parent: SimEntityRef;
  child: SimEntityRef;
  /** Usually one of the seven known types; unknown values are kept to test tolerance. */
  relationship: string;
}

export interface ScenarioRoot {
  id: string;
  key: string;
  title: string;
}

/** Everything the simulator serves: one self-consistent Datadog org. */
export interface Scenario {
  name: string;
  cases: SimCase[];
  incidents: SimIncident[];
  pages: { id: string }[];
  conversations: { id: string }[];
  users: SimUser[];
  links: SimLink[];
  /** Good places to start a graph; `roots[0]` is the headline one. */
  roots: ScenarioRoot[];
}
