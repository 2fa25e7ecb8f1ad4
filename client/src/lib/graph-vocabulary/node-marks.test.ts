import {
  differenceCiede2000,
  filterDeficiencyDeuter,
  filterDeficiencyProt,
  filterDeficiencyTrit,
  formatHex,
  parse,
} from "culori";
import { describe, expect, it } from "vitest";
import { NODE_MARKS, PRIORITY_STRIPES, STATUS_MARKS } from "./node-marks";
import { RELATIONSHIP_STYLES } from "./relationships";

function simulated(filter: ReturnType<typeof filterDeficiencyProt>) {
  return (color: string) => {
    const parsed = parse(color);
    if (!parsed) throw new Error(`not a colour: ${color}`);
    return formatHex(filter(parsed));
  };
}

/** Machado, Oliveira & Fernandes (2009) at full severity, as culori implements them. */
const VISIONS = {
  "normal vision": (color: string) => color,
  protanopia: simulated(filterDeficiencyProt(1)),
  deuteranopia: simulated(filterDeficiencyDeuter(1)),
  tritanopia: simulated(filterDeficiencyTrit(1)),
};

const deltaE = differenceCiede2000();
/** CIEDE2000 of about 10 reads as "clearly another colour" at a glance. */
const MIN_DELTA_E = 10;

type Named = Readonly<Record<string, string>>;

function closestPair(a: Named, b: Named, simulate: (color: string) => string) {
  let closest = { pair: "", delta: Number.POSITIVE_INFINITY };
  for (const [nameA, colorA] of Object.entries(a)) {
    for (const [nameB, colorB] of Object.entries(b)) {
      if (a === b && nameA >= nameB) continue;
      const delta = deltaE(simulate(colorA), simulate(colorB));
      if (delta < closest.delta) closest = { pair: `${nameA} / ${nameB}`, delta };
    }
  }
  return closest;
}

function expectApart(a: Named, b: Named = a) {
  for (const [vision, simulate] of Object.entries(VISIONS)) {
    const { pair, delta } = closestPair(a, b, simulate);
    expect(delta, `${pair} under ${vision}`).toBeGreaterThanOrEqual(MIN_DELTA_E);
  }
}

const fills = (of: "case" | "incident") =>
  Object.fromEntries(
    Object.entries(STATUS_MARKS)
      .filter(([, mark]) => mark.of === of || mark.of === "any")
      .filter(([tone]) => tone !== "stable" || of === "incident")
      .map(([tone, mark]) => [tone, mark.fill]),
  );
const stripes = Object.fromEntries(PRIORITY_STRIPES.map((s) => [s.word, s.color]));
const marks = {
  root: NODE_MARKS.root,
  failed: NODE_MARKS.failed,
  frontier: NODE_MARKS.frontier,
  selection: NODE_MARKS.selection,
};
const edges = {
  BLOCKS: RELATIONSHIP_STYLES.BLOCKS.color,
  CAUSES: RELATIONSHIP_STYLES.CAUSES.color,
  DUPLICATES: RELATIONSHIP_STYLES.DUPLICATES.color,
};

describe("node colours under colour-vision deficiencies", () => {
  it("keeps the fills of case statuses apart", () => expectApart(fills("case")));
  it("keeps the fills of incident statuses apart", () => expectApart(fills("incident")));
  it("keeps the priority stripes apart", () => expectApart(stripes));
  it("keeps root, failure, 'more beyond' and selection apart", () => expectApart(marks));
  it("never looks like an edge colour", () => {
    expectApart({ ...marks, ...stripes }, edges);
  });
  it("reuses no edge colour anywhere in the node key", () => {
    const edgeColours = new Set(Object.values(RELATIONSHIP_STYLES).map((s) => s.color));
    const nodeColours = [
      ...Object.values(STATUS_MARKS).map((m) => m.fill),
      ...Object.values(stripes),
      ...Object.values(marks),
    ];
    expect(nodeColours.filter((c) => edgeColours.has(c))).toEqual([]);
  });
  it("gives each status a glyph where the fill alone would carry its meaning", () => {
    for (const [tone, mark] of Object.entries(STATUS_MARKS)) {
      if (tone !== "unknown") expect(mark.glyph, tone).not.toBe("");
    }
  });
});
