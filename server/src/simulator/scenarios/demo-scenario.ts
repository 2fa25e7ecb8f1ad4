import type { CasePriority, CaseStatus, KnownRelationship } from "../../contract";
import { stableUuid } from "../prng";
import type { Scenario, SimCase, SimEntityRef, SimLink, SimUser } from "./scenario";

/**
 * The demo: a payments outage of the last few hours. A kernel patch (PLAT-399 → PLAT-401)
 * rebooted the ledger primary, the failover stalled ledger writes, and checkout for EU
 * cardholders (PAY-101) failed. Blockers, duplicates, a deadlocked network change and the follow-up work hang off it.
 */
const NAMESPACE = "casegraph-demo";
/**
 * The outage began about eight hours before the simulator started (on the hour, so that
 * simulators started within the same hour serve the same dates), and its last case was opened
 * 440 minutes in: the demo reads as an incident of today, its blockers open for hours, where a
 * fixed date would have them open for however long ago that date was. Older cases (a drill, the
 * change that caused it) keep their distance before it.
 */
const HOUR_MS = 3_600_000;
const START = Math.floor((Date.now() - 8 * HOUR_MS) / HOUR_MS) * HOUR_MS;

/** The UUID of a demo case, stable across releases. */
export function demoCaseId(key: string): string {
  return stableUuid(`${NAMESPACE}:case:${key}`);
}

const userId = (handle: string) => stableUuid(`${NAMESPACE}:user:${handle}`);

const USERS: Record<string, Omit<SimUser, "id">> = {
  sam: { name: "Sam Whitfield", email: "sam.whitfield@example.com" },
  priya: { name: "Priya Raman", email: "priya.raman@example.com" },
  marcus: { name: "Marcus Oyelaran", email: "marcus.oyelaran@example.com" },
  lena: { name: "Lena Fischer", email: "lena.fischer@example.com" },
  tomas: { name: "Tomás Ortega", email: "tomas.ortega@example.com" },
  aiko: { name: "Aiko Tanaka", email: "aiko.tanaka@example.com" },
};

type CaseRow = [
  key: string,
  title: string,
  CaseStatus,
  CasePriority,
  assignee: string | null,
  minutes: number,
];

// Minutes are relative to the outage's start (START); negative ones predate it.
const CASES: CaseRow[] = [
  ["PAY-100", "Payments outage: EU card payments degraded", "IN_PROGRESS", "P1", "sam", 12],
  ["PAY-101", "Checkout payments failing for EU cardholders", "IN_PROGRESS", "P1", "priya", 15],
  ["PAY-102", "Refund backlog from failed checkout captures", "OPEN", "P2", "priya", 70],
  [
    "PAY-103",
    "Merchant status-page updates for the payments outage",
    "IN_PROGRESS",
    "P3",
    "sam",
    30,
  ],
  ["PAY-120", "Payment intent confirmation timing out after 30s", "IN_PROGRESS", "P1", "priya", 10],
  ["PAY-131", "Postmortem: EU card payments outage", "OPEN", "P3", "sam", 400],
  ["PAY-132", "Add a circuit breaker around issuer gateway calls", "OPEN", "P4", "marcus", 420],
  ["PAY-133", "Alert on ledger replica lag above 60s", "OPEN", "P5", "lena", 425],
  [
    "PAY-134",
    "Idempotency keys expire before client retries finish",
    "CLOSED",
    "NOT_DEFINED",
    "priya",
    430,
  ],
  ["CHK-212", "Card-auth timeouts from issuer gateway (EU acquirer)", "OPEN", "P1", "marcus", 9],
  ["CHK-230", "Checkout latency p99 above 8s", "IN_PROGRESS", "P2", "marcus", 6],
  ["CHK-231", "Customers stuck on the 'Processing payment' spinner", "CLOSED", "P4", null, 20],
  ["CHK-232", "Checkout page times out on the payment step (mobile)", "OPEN", "P4", null, 22],
  ["CHK-240", "Client retry storm amplifies checkout load", "CLOSED", "P3", "marcus", 25],
  [
    "SUP-901",
    "Support: card declined but funds held (12 tickets)",
    "OPEN",
    "NOT_DEFINED",
    "sam",
    18,
  ],
  ["SUP-902", "Merchant ticket: checkout timing out for EU shoppers", "CLOSED", "P5", null, 19],
  ["LED-305", "Ledger write latency p99 above 5s", "IN_PROGRESS", "P2", "lena", 4],
  ["LED-310", "Ledger writes rejected after DB failover", "OPEN", "P1", "lena", 8],
  ["DB-60", "Ledger failover drill (last quarter)", "CLOSED", "P4", "lena", -160_000],
  ["DB-72", "Ledger DB primary failed over unexpectedly", "IN_PROGRESS", "P1", "lena", 2],
  ["DB-77", "Replica lag at 40 min after ledger failover", "CLOSED", "P2", "lena", 5],
  ["DB-78", "Re-run ledger failover drill with replica-lag checks", "OPEN", "P3", "lena", 440],
  ["PLAT-399", "Unattended upgrades enabled on ledger DB hosts", "OPEN", "P3", "tomas", -1_440],
  [
    "PLAT-401",
    "Kernel patch rebooted the ledger primary in business hours",
    "CLOSED",
    "P2",
    "tomas",
    1,
  ],
  [
    "PLAT-440",
    "pgbouncer connection pool exhausted on the ledger cluster",
    "OPEN",
    "P2",
    "tomas",
    7,
  ],
  ["NET-51", "Egress firewall change to issuer gateway on hold", "OPEN", "P2", "aiko", 35],
  ["NET-52", "Rotate mTLS client certificate for issuer gateway", "IN_PROGRESS", "P3", "aiko", 36],
  ["NET-53", "Re-open egress to issuer gateway after cert rotation", "OPEN", "P2", "aiko", 37],
  ["NET-60", "Issuer gateway vendor reports degraded EU region", "IN_PROGRESS", "P4", "aiko", 14],
  ["NET-58", "Issuer gateway vendor to publish its new mTLS CA bundle", "OPEN", "P2", "aiko", 38],
  ["SEC-41", "Security review of the issuer's new CA bundle", "OPEN", "P2", null, 39],
  [
    "VND-9",
    "Renew the issuer gateway support contract (lapsed last month)",
    "IN_PROGRESS",
    "P3",
    "sam",
    40,
  ],
  ["RISK-12", "Fraud scoring calls timing out under retry load", "OPEN", "P3", null, 28],
  ["FIN-77", "Reconcile settlement files for the outage window", "OPEN", "P2", null, 90],
  ["OBS-15", "Ledger dashboard missing a replica-lag panel", "CLOSED", "P5", "lena", 120],
];

const INCIDENTS = {
  "INC:eu-payments": {
    publicId: 4412,
    title: "EU card payments degraded",
    severity: "SEV-1",
    state: "active",
    minutes: 11,
  },
  "INC:ledger": {
    publicId: 4411,
    title: "Ledger DB failover and replication lag",
    severity: "SEV-2",
    state: "stable",
    minutes: 3,
  },
  "INC:refunds": {
    publicId: 4415,
    title: "Refunds delayed after payments outage",
    severity: "SEV-3",
    state: "resolved",
    minutes: 80,
  },
};
const PAGES = ["PAGE:payments-oncall", "PAGE:ledger-oncall"];
const CONVERSATIONS = ["AGENT_CONVERSATION:bits-investigation"];

type LinkRow = [parent: string, KnownRelationship, child: string];

// Parent → child. Names with a colon are incidents, pages and conversations; the rest are case keys.
const LINKS: LinkRow[] = [
  // PAY-101 is blocked by open work, partly behind a blocker that is already closed.
  ["CHK-212", "BLOCKS", "PAY-101"],
  ["LED-310", "BLOCKS", "PAY-101"],
  ["DB-77", "BLOCKS", "LED-310"],
  ["PLAT-440", "BLOCKS", "DB-77"],
  ["NET-53", "BLOCKS", "CHK-212"],
  ["LED-310", "BLOCKS", "FIN-77"],
  // The network change is deadlocked: each step waits on the next.
  ["NET-51", "BLOCKS", "NET-52"],
  ["NET-52", "BLOCKS", "NET-53"],
  ["NET-53", "BLOCKS", "NET-51"],
  // The certificate rotation waits on the vendor, six hops up from PAY-101 at the far end.
  ["NET-58", "BLOCKS", "NET-52"],
  ["SEC-41", "BLOCKS", "NET-58"],
  ["VND-9", "BLOCKS", "SEC-41"],
  // One root cause, six hops up from PAY-101 by the shortest way too.
  ["PLAT-399", "CAUSES", "PLAT-401"],
  ["PLAT-401", "CAUSES", "DB-72"],
  ["DB-72", "CAUSES", "LED-305"],
  ["LED-305", "CAUSES", "PAY-120"],
  ["PAY-120", "CAUSES", "CHK-230"],
  ["CHK-230", "CAUSES", "PAY-101"],
  ["PAY-101", "CAUSES", "PAY-102"],
  ["CHK-240", "CAUSES", "RISK-12"],
  // Three reports of the same checkout slowness.
  ["CHK-231", "DUPLICATES", "CHK-230"],
  ["CHK-232", "DUPLICATES", "CHK-230"],
  ["SUP-902", "DUPLICATES", "CHK-230"],
  ["NET-60", "RELATES_TO", "CHK-212"],
  ["RISK-12", "RELATES_TO", "CHK-212"],
  ["CHK-240", "RELATES_TO", "CHK-230"],
  ["OBS-15", "RELATES_TO", "DB-77"],
  ["DB-78", "RELATES_TO", "DB-72"],
  ["PAY-133", "RELATES_TO", "OBS-15"],
  ["PAY-134", "RELATES_TO", "PAY-120"],
  ["INC:eu-payments", "RELATES_TO", "PAGE:payments-oncall"],
  ["INC:ledger", "RELATES_TO", "PAGE:ledger-oncall"],
  ["AGENT_CONVERSATION:bits-investigation", "RELATES_TO", "PAY-101"],
  ["PAY-100", "PARENT_OF", "PAY-101"],
  ["PAY-100", "PARENT_OF", "PAY-102"],
  ["PAY-100", "PARENT_OF", "PAY-103"],
  ["PAY-131", "PARENT_OF", "PAY-132"],
  ["PAY-131", "PARENT_OF", "PAY-133"],
  ["DB-78", "SUCCESSOR_OF", "DB-60"],
  ["PAY-131", "SUCCESSOR_OF", "PAY-100"],
  ["PAY-101", "ESCALATES_TO", "INC:eu-payments"],
  ["SUP-901", "ESCALATES_TO", "PAY-101"],
  ["DB-72", "ESCALATES_TO", "INC:ledger"],
  ["PAY-102", "ESCALATES_TO", "INC:refunds"],
];

const ROOT_KEYS = ["PAY-101", "DB-72", "PAY-131"];

/** Cases only some people may read with their own sign-in (the org keys still see them). */
const RESTRICTED: Record<string, string[]> = {
  // Fraud work is kept to the risk rota.
  "RISK-12": ["priya", "sam"],
};

const at = (minutes: number) => new Date(START + minutes * 60_000).toISOString();

function ref(name: string): SimEntityRef {
  const colon = name.indexOf(":");
  if (colon === -1) return { type: "CASE", id: demoCaseId(name) };
  const prefix = name.slice(0, colon);
  const type = prefix === "INC" ? "INCIDENT" : prefix;
  return { type, id: stableUuid(`${NAMESPACE}:${type}:${name.slice(colon + 1)}`) };
}

function buildDemoScenario(): Scenario {
  const cases: SimCase[] = CASES.map(([key, title, status, priority, assignee, minutes]) => ({
    id: demoCaseId(key),
    key,
    title,
    status,
    priority,
    ...(assignee === null ? {} : { assigneeId: userId(assignee) }),
    createdById: userId("sam"),
    createdAt: at(minutes),
    ...(RESTRICTED[key] ? { visibleTo: RESTRICTED[key].map(userId) } : {}),
  }));
  const links: SimLink[] = LINKS.map(([parent, relationship, child]) => ({
    id: stableUuid(`${NAMESPACE}:link:${parent}:${relationship}:${child}`),
    parent: ref(parent),
    child: ref(child),
    relationship,
  }));
  const byKey = new Map(cases.map((simCase) => [simCase.key, simCase]));
  return {
    name: "demo",
    cases,
    incidents: Object.entries(INCIDENTS).map(([name, incident]) => ({
      id: ref(name).id,
      publicId: incident.publicId,
      title: incident.title,
      severity: incident.severity,
      state: incident.state,
      createdAt: at(incident.minutes),
    })),
    pages: PAGES.map((name) => ({ id: ref(name).id })),
    conversations: CONVERSATIONS.map((name) => ({ id: ref(name).id })),
    users: Object.entries(USERS).map(([handle, user]) => ({ id: userId(handle), ...user })),
    links,
    roots: ROOT_KEYS.map((key) => {
      const root = byKey.get(key);
      if (root === undefined) throw new Error(`Demo root ${key} is not a demo case.`);
      return { id: root.id, key: root.key, title: root.title };
    }),
  };
}

/** A believable payments outage; ids and keys never change between runs. */
export const demoScenario: Scenario = buildDemoScenario();
