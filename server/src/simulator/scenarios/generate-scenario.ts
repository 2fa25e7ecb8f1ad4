import { CASE_PRIORITIES, CASE_STATUSES, type KnownRelationship } from "../../contract";
import { mulberry32, pick, type Random, randomInt, randomUuid } from "../prng";
import type { Scenario, SimCase, SimEntityRef, SimIncident, SimLink, SimUser } from "./scenario";

export interface GenerateOptions {
  seed: number;
  /** Total entities (cases plus a few incidents), root included. */
  entities: number;
  /** Hops from the root to the farthest entity; exact. */
  depth: number;
  /** Average children per entity while levels fill up. Default 3. */
  degree?: number;
}

export interface GeneratedScenario {
  scenario: Scenario;
  rootId: string;
}

/** Mostly the three relationships incident work is made of, with a sprinkle of the rest. */
const RELATIONSHIP_WEIGHTS: [KnownRelationship, number][] = [
  ["BLOCKS", 35],
  ["CAUSES", 25],
  ["RELATES_TO", 25],
  ["DUPLICATES", 5],
  ["PARENT_OF", 4],
  ["SUCCESSOR_OF", 3],
  ["ESCALATES_TO", 3],
];

const TOPICS = [
  "checkout",
  "card-auth",
  "ledger",
  "payouts",
  "refunds",
  "fraud scoring",
  "settlement",
  "webhooks",
];
const SYMPTOMS = [
  "latency above SLO",
  "timeouts",
  "error rate spike",
  "queue backlog",
  "failover",
  "5xx from upstream",
];

/**
 * A seeded, connected graph for benchmarks. Entities sit on levels 0..depth; every link joins
 * entities on the same or adjacent levels and each level hangs off the one above, so the BFS
 * distance of every entity is its level and the farthest one is exactly `depth` hops away.
 */
export function generateScenario(options: GenerateOptions): GeneratedScenario {
  const { seed, entities, depth } = options;
  const degree = options.degree ?? 3;
  if (!Number.isInteger(entities) || entities < 1) {
    throw new Error(`entities must be a positive integer, got ${entities}.`);
  }
  if (!Number.isInteger(depth) || depth < 0)
    throw new Error(`depth must be an integer ≥ 0, got ${depth}.`);
  if (entities < depth + 1) {
    throw new Error(
      `entities (${entities}) must be at least depth + 1 (${depth + 1}) to reach depth ${depth}.`,
    );
  }
  if (depth === 0 && entities > 1) {
    throw new Error(`depth 0 leaves room for the root only, but entities is ${entities}.`);
  }
  if (!(degree >= 1)) throw new Error(`degree must be at least 1, got ${degree}.`);

  const random = mulberry32(seed);
  const levelSizes = planLevels(random, entities, depth, degree);
  const incidentCount = entities >= 10 ? Math.max(1, Math.floor(entities / 100)) : 0;

  const users: SimUser[] = Array.from({ length: 8 }, (_, n) => ({
    id: randomUuid(random),
    name: `Engineer ${n + 1}`,
    email: `engineer${n + 1}@example.com`,
  }));

  // Level by level, so that node n's level is known and parents always exist above.
  const levels: SimEntityRef[][] = [];
  const cases: SimCase[] = [];
  const incidents: SimIncident[] = [];
  const incidentSlots = chooseIncidentSlots(random, entities, incidentCount);
  let position = 0;
  for (const size of levelSizes) {
    const level: SimEntityRef[] = [];
    for (let n = 0; n < size; n += 1, position += 1) {
      const id = randomUuid(random);
      if (incidentSlots.has(position)) {
        incidents.push(generatedIncident(random, id, incidents.length));
        level.push({ type: "INCIDENT", id });
      } else {
        cases.push(generatedCase(random, id, cases.length, users));
        level.push({ type: "CASE", id });
      }
    }
    levels.push(level);
  }

  const links: SimLink[] = [];
  const addLink = (a: SimEntityRef, b: SimEntityRef, relationship: KnownRelationship) => {
    // Direction does not change distance; mixing it makes both lookup directions matter.
    const [parent, child] = random() < 0.5 ? [a, b] : [b, a];
    links.push({ id: randomUuid(random), parent, child, relationship });
  };
  const relationshipFor = (a: SimEntityRef, b: SimEntityRef): KnownRelationship =>
    a.type === "INCIDENT" || b.type === "INCIDENT" ? "ESCALATES_TO" : weightedRelationship(random);

  for (let level = 1; level < levels.length; level += 1) {
    const above = levels[level - 1] ?? [];
    // Only cases have children, unless a level above holds nothing but incidents.
    const aboveCases = above.filter((entity) => entity.type === "CASE");
    const parents = aboveCases.length > 0 ? aboveCases : above;
    for (const entity of levels[level] ?? []) {
      const parent = pick(random, parents);
      addLink(parent, entity, relationshipFor(parent, entity));
    }
  }

  // Cross links among cases on the same or adjacent levels: cycles without shortening any path.
  const caseLevels = levels.map((level) => level.filter((entity) => entity.type === "CASE"));
  const crossLinks = Math.floor(entities / 4);
  for (let n = 0; n < crossLinks; n += 1) {
    const level = randomInt(random, 0, depth);
    const other = Math.min(depth, level + randomInt(random, 0, 1));
    const from = caseLevels[level] ?? [];
    const to = caseLevels[other] ?? [];
    if (from.length === 0 || to.length === 0) continue;
    const a = pick(random, from);
    const b = pick(random, to);
    if (a.id === b.id) continue;
    addLink(a, b, weightedRelationship(random));
  }

  const root = cases[0];
  if (root === undefined) throw new Error("The generated graph has no root case.");
  return {
    rootId: root.id,
    scenario: {
      name: `generated:${entities}:${depth}:${seed}`,
      cases,
      incidents,
      pages: [],
      conversations: [],
      users,
      links,
      roots: [{ id: root.id, key: root.key, title: root.title }],
    },
  };
}

/** Level sizes: grow by `degree` per level, keep one entity for every deeper level, spread the rest. */
function planLevels(random: Random, entities: number, depth: number, degree: number): number[] {
  const sizes = [1];
  let used = 1;
  for (let level = 1; level <= depth; level += 1) {
    const reserved = depth - level;
    const grown = Math.round((sizes[level - 1] ?? 1) * degree);
    const size = Math.max(1, Math.min(grown, entities - used - reserved));
    sizes.push(size);
    used += size;
  }
  for (let left = entities - used; left > 0; left -= 1) {
    const level = randomInt(random, 1, depth);
    sizes[level] = (sizes[level] ?? 0) + 1;
  }
  return sizes;
}

/** Positions (in level order) that hold incidents; never 0, the root case. */
function chooseIncidentSlots(random: Random, entities: number, count: number): Set<number> {
  const slots = new Set<number>();
  while (slots.size < count) slots.add(randomInt(random, 1, entities - 1));
  return slots;
}

function weightedRelationship(random: Random): KnownRelationship {
  const total = RELATIONSHIP_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [relationship, weight] of RELATIONSHIP_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return relationship;
  }
  return "RELATES_TO";
}

function generatedCase(random: Random, id: string, n: number, users: SimUser[]): SimCase {
  const assignee = random() < 0.8 ? pick(random, users).id : undefined;
  return {
    id,
    key: `GEN-${n + 1}`,
    title: `${capitalised(pick(random, TOPICS))} ${pick(random, SYMPTOMS)} (#${n + 1})`,
    status: pick(random, CASE_STATUSES),
    priority: pick(random, CASE_PRIORITIES),
    ...(assignee === undefined ? {} : { assigneeId: assignee }),
    createdAt: new Date(Date.UTC(2025, 2, 14, 8) + n * 60_000).toISOString(),
  };
}

function generatedIncident(random: Random, id: string, n: number): SimIncident {
  return {
    id,
    publicId: 5_000 + n,
    title: `${capitalised(pick(random, TOPICS))} degraded`,
    severity: pick(random, ["SEV-1", "SEV-2", "SEV-3", "UNKNOWN"]),
    state: pick(random, ["active", "stable", "resolved"]),
    createdAt: new Date(Date.UTC(2025, 2, 14, 8) + n * 60_000).toISOString(),
  };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
