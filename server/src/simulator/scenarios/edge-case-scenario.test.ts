import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../start-simulator";
import {
  EDGE_DELETED_CASE_ID,
  EDGE_DUPLICATE_LINK_IDS,
  EDGE_HUB_ID,
  EDGE_HUB_LINK_COUNT,
  EDGE_ROOT_ID,
  EDGE_RUNBOOK_ID,
  EDGE_SELF_LINK_ID,
  EDGE_SELF_LINKED_ID,
  EDGE_UNKNOWN_RELATIONSHIP_LINK_ID,
  edgeCaseScenario,
} from "./edge-case-scenario";

interface WireLink {
  id: string;
  attributes: {
    parent_entity_id: string;
    child_entity_id: string;
    child_entity_type: string;
    relationship: string;
  };
}

const KEY_HEADERS = { "DD-API-KEY": "k", "DD-APPLICATION-KEY": "a" };
let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: edgeCaseScenario() });
});
afterAll(() => sim.close());

async function linksOf(id: string): Promise<WireLink[]> {
  const response = await fetch(`${sim.url}/api/v2/cases/link?entity_type=CASE&entity_id=${id}`, {
    headers: KEY_HEADERS,
  });
  return ((await response.json()) as { data: WireLink[] }).data;
}

describe("the edge-case scenario, served", () => {
  it("lists all links of the hub in one answer", async () => {
    expect(await linksOf(EDGE_HUB_ID)).toHaveLength(EDGE_HUB_LINK_COUNT);
  });

  it("lists a self-link once for the case that links to itself", async () => {
    const selfLinks = (await linksOf(EDGE_SELF_LINKED_ID)).filter(
      (link) => link.id === EDGE_SELF_LINK_ID,
    );
    expect(selfLinks).toHaveLength(1);
    expect(selfLinks[0]?.attributes).toMatchObject({
      parent_entity_id: EDGE_SELF_LINKED_ID,
      child_entity_id: EDGE_SELF_LINKED_ID,
    });
  });

  it("links the root to a deleted case whose GET is 404, an unknown relationship and an unknown entity type", async () => {
    const links = await linksOf(EDGE_ROOT_ID);
    expect(links.some((link) => link.attributes.parent_entity_id === EDGE_DELETED_CASE_ID)).toBe(
      true,
    );
    expect(
      links.find((link) => link.id === EDGE_UNKNOWN_RELATIONSHIP_LINK_ID)?.attributes.relationship,
    ).toBe("SUPERSEDES");
    expect(
      links.find((link) => link.attributes.child_entity_id === EDGE_RUNBOOK_ID)?.attributes
        .child_entity_type,
    ).toBe("RUNBOOK");
    const deleted = await fetch(`${sim.url}/api/v2/cases/${EDGE_DELETED_CASE_ID}`, {
      headers: KEY_HEADERS,
    });
    expect(deleted.status).toBe(404);
  });

  it("returns two links with different ids joining the same pair the same way", async () => {
    const twins = (await linksOf(EDGE_ROOT_ID)).filter((link) =>
      (EDGE_DUPLICATE_LINK_IDS as readonly string[]).includes(link.id),
    );
    expect(twins).toHaveLength(2);
    expect(twins[0]?.attributes).toEqual(twins[1]?.attributes);
  });
});
