import type { Scenario, SimCase, SimIncident, SimLink, SimUser } from "./scenarios/scenario";

/** One link already in Datadog's wire shape, built once at load. */
export interface LinkDocument {
  id: string;
  type: "link";
  attributes: {
    parent_entity_id: string;
    parent_entity_type: string;
    child_entity_id: string;
    child_entity_type: string;
    relationship: string;
  };
}

interface IndexedLink {
  relationship: string;
  document: LinkDocument;
}

const entityKey = (type: string, id: string) => `${type}\u0000${id}`;

/** Lookups by id built once per scenario, so a 5,000-entity benchmark stays O(links per entity). */
export class ScenarioIndex {
  readonly scenario: Scenario;
  readonly #linksByEntity = new Map<string, IndexedLink[]>();
  readonly #known = new Set<string>();
  readonly #linkIds = new Set<string>();
  readonly #casesById = new Map<string, SimCase>();
  readonly #casesByKey = new Map<string, SimCase>();
  readonly #incidents = new Map<string, SimIncident>();
  readonly #users = new Map<string, SimUser>();
  readonly #publicIds = new Map<string, string>();

  constructor(scenario: Scenario) {
    this.scenario = scenario;
    scenario.cases.forEach((original, position) => {
      // A copy: admin edits change this running simulator, never the shared scenario.
      const simCase = { ...original };
      this.#casesById.set(simCase.id, simCase);
      this.#casesByKey.set(simCase.key, simCase);
      this.#publicIds.set(simCase.id, String(10_000 + position));
      this.#known.add(entityKey("CASE", simCase.id));
    });
    for (const incident of scenario.incidents) {
      this.#incidents.set(incident.id, incident);
      this.#known.add(entityKey("INCIDENT", incident.id));
    }
    for (const page of scenario.pages) this.#known.add(entityKey("PAGE", page.id));
    for (const talk of scenario.conversations) {
      this.#known.add(entityKey("AGENT_CONVERSATION", talk.id));
    }
    for (const user of scenario.users) this.#users.set(user.id, user);
    for (const link of scenario.links) this.#addLink(link);
  }

  /** Adds a link as if someone had linked the two entities in Datadog; false if its id exists. */
  addLink(link: SimLink): boolean {
    if (this.#linkIds.has(link.id)) return false;
    this.#addLink(link);
    return true;
  }

  /** Removes the link with this id from both of its ends; false when there is none. */
  removeLink(id: string): boolean {
    if (!this.#linkIds.delete(id)) return false;
    for (const [end, links] of this.#linksByEntity) {
      const kept = links.filter((link) => link.document.id !== id);
      if (kept.length !== links.length) this.#linksByEntity.set(end, kept);
    }
    return true;
  }

  /** Whether the entity exists in this org (a link may only join known entities). */
  knows(type: string, id: string): boolean {
    return this.#known.has(entityKey(type, id));
  }

  #addLink(link: SimLink): void {
    this.#linkIds.add(link.id);
    const indexed: IndexedLink = {
      relationship: link.relationship,
      document: {
        id: link.id,
        type: "link",
        attributes: {
          parent_entity_id: link.parent.id,
          parent_entity_type: link.parent.type,
          child_entity_id: link.child.id,
          child_entity_type: link.child.type,
          relationship: link.relationship,
        },
      },
    };
    const ends = new Set([entityKey(link.parent.type, link.parent.id)]);
    ends.add(entityKey(link.child.type, link.child.id));
    // A self-link is listed once for its entity, as one row in Datadog would be.
    for (const end of ends) {
      const list = this.#linksByEntity.get(end);
      if (list === undefined) this.#linksByEntity.set(end, [indexed]);
      else list.push(indexed);
    }
  }

  /** Links where the entity is parent or child, or undefined when nothing is known about it. */
  linksOf(type: string, id: string, relationship?: string): LinkDocument[] | undefined {
    const key = entityKey(type, id);
    const links = this.#linksByEntity.get(key);
    if (links === undefined) return this.#known.has(key) ? [] : undefined;
    const wanted =
      relationship === undefined
        ? links
        : links.filter((link) => link.relationship === relationship);
    return wanted.map((link) => link.document);
  }

  /** By UUID or by key, as `GET /api/v2/cases/{case_id}` accepts both. */
  findCase(idOrKey: string): SimCase | undefined {
    return this.#casesById.get(idOrKey) ?? this.#casesByKey.get(idOrKey);
  }

  findIncident(id: string): SimIncident | undefined {
    return this.#incidents.get(id);
  }

  findUser(id: string): SimUser | undefined {
    return this.#users.get(id);
  }

  /** Datadog's numeric-string public id; stable for a scenario. */
  publicIdOf(caseId: string): string {
    return this.#publicIds.get(caseId) ?? "0";
  }
}
