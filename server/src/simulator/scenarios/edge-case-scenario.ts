import { stableUuid } from "../prng";
import type { Scenario, SimCase, SimLink } from "./scenario";

/** The shapes DATADOG-API.md lists as unknowns, all in one small org. */
const NAMESPACE = "casegraph-edge";
const id = (name: string) => stableUuid(`${NAMESPACE}:${name}`);

export const EDGE_HUB_LINK_COUNT = 10_000;

/** Where a graph over every edge case starts; linked to each of the entities below. */
export const EDGE_ROOT_ID = id("case:root");
export const EDGE_ROOT_KEY = "EDGE-1";
/** A case with EDGE_HUB_LINK_COUNT links: one from the root, the rest to cases EDGE-1000 onwards. */
export const EDGE_HUB_ID = id("case:hub");
export const EDGE_HUB_KEY = "EDGE-2";
/** A case that BLOCKS itself. */
export const EDGE_SELF_LINKED_ID = id("case:self");
export const EDGE_SELF_LINK_ID = id("link:self");
/** Linked from the root, but `GET /cases/{id}` answers 404: the case was deleted. */
export const EDGE_DELETED_CASE_ID = id("case:deleted");
/** A link whose relationship is `SUPERSEDES`, which Datadog does not document. */
export const EDGE_UNKNOWN_RELATIONSHIP_LINK_ID = id("link:supersedes");
export const EDGE_SUPERSEDED_CASE_ID = id("case:superseded");
/** A link to an entity of type `RUNBOOK`, which Datadog does not document. */
export const EDGE_RUNBOOK_ID = id("runbook:ledger-failover");
export const EDGE_RUNBOOK_LINK_ID = id("link:runbook");
/** Two links with different ids joining the same pair with the same relationship. */
export const EDGE_TWIN_CASE_ID = id("case:twin");
export const EDGE_DUPLICATE_LINK_IDS = [id("link:twin-a"), id("link:twin-b")] as const;

const createdAt = "2025-03-14T08:00:00.000Z";

function edgeCase(caseId: string, key: string, title: string): SimCase {
  return { id: caseId, key, title, status: "OPEN", priority: "P3", createdAt };
}

/** Builds the edge-case org; large (the hub), so build it only where needed. */
export function edgeCaseScenario(): Scenario {
  const caseRef = (caseId: string) => ({ type: "CASE", id: caseId });
  const cases: SimCase[] = [
    edgeCase(EDGE_ROOT_ID, EDGE_ROOT_KEY, "Edge cases: start here"),
    edgeCase(EDGE_HUB_ID, EDGE_HUB_KEY, `Hub case with ${EDGE_HUB_LINK_COUNT} links`),
    edgeCase(EDGE_SELF_LINKED_ID, "EDGE-3", "Case that blocks itself"),
    edgeCase(EDGE_SUPERSEDED_CASE_ID, "EDGE-4", "Case superseded by the root"),
    edgeCase(EDGE_TWIN_CASE_ID, "EDGE-5", "Case linked twice to the root"),
  ];
  const links: SimLink[] = [
    {
      id: id("link:hub"),
      parent: caseRef(EDGE_ROOT_ID),
      child: caseRef(EDGE_HUB_ID),
      relationship: "RELATES_TO",
    },
    {
      id: EDGE_SELF_LINK_ID,
      parent: caseRef(EDGE_SELF_LINKED_ID),
      child: caseRef(EDGE_SELF_LINKED_ID),
      relationship: "BLOCKS",
    },
    {
      id: id("link:root-self"),
      parent: caseRef(EDGE_SELF_LINKED_ID),
      child: caseRef(EDGE_ROOT_ID),
      relationship: "BLOCKS",
    },
    {
      id: id("link:deleted"),
      parent: caseRef(EDGE_DELETED_CASE_ID),
      child: caseRef(EDGE_ROOT_ID),
      relationship: "CAUSES",
    },
    {
      id: EDGE_UNKNOWN_RELATIONSHIP_LINK_ID,
      parent: caseRef(EDGE_ROOT_ID),
      child: caseRef(EDGE_SUPERSEDED_CASE_ID),
      relationship: "SUPERSEDES",
    },
    {
      id: EDGE_RUNBOOK_LINK_ID,
      parent: caseRef(EDGE_ROOT_ID),
      child: { type: "RUNBOOK", id: EDGE_RUNBOOK_ID },
      relationship: "RELATES_TO",
    },
    ...EDGE_DUPLICATE_LINK_IDS.map((linkId) => ({
      id: linkId,
      parent: caseRef(EDGE_TWIN_CASE_ID),
      child: caseRef(EDGE_ROOT_ID),
      relationship: "DUPLICATES",
    })),
  ];
  for (let n = 0; n < EDGE_HUB_LINK_COUNT - 1; n += 1) {
    const leafId = id(`case:leaf-${n}`);
    cases.push(edgeCase(leafId, `EDGE-${1000 + n}`, `Leaf case ${n + 1} of the hub`));
    links.push({
      id: id(`link:leaf-${n}`),
      parent: caseRef(EDGE_HUB_ID),
      child: caseRef(leafId),
      relationship: n % 2 === 0 ? "RELATES_TO" : "BLOCKS",
    });
  }
  return {
    name: "edge-cases",
    cases,
    incidents: [],
    pages: [],
    conversations: [],
    users: [],
    links,
    roots: [
      { id: EDGE_ROOT_ID, key: EDGE_ROOT_KEY, title: "Edge cases: start here" },
      { id: EDGE_HUB_ID, key: EDGE_HUB_KEY, title: `Hub case with ${EDGE_HUB_LINK_COUNT} links` },
    ],
  };
}
