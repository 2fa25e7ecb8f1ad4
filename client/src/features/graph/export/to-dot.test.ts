import { describe, expect, it } from "vitest";
import { RELATIONSHIP_STYLES } from "../../../lib/graph-vocabulary";
import { incidentGraph } from "./test-graph";
import { dotString, toDot } from "./to-dot";

const lines = (text: string) => text.trimEnd().split("\n");
const edgeLine = (text: string, relationship: string) =>
  lines(text).find((l) => l.includes(" -> ") && l.includes(`label="${relationship}"`));

describe("toDot", () => {
  it("is one top-to-bottom digraph with a statement per node and per link", () => {
    const text = toDot(incidentGraph(), { rel: null });
    expect(lines(text)[0]).toBe("digraph casegraph {");
    expect(lines(text).at(-1)).toBe("}");
    expect(text).toContain("  rankdir=TB;");
    expect(lines(text).filter((l) => /^ {2}n\d+ \[label=/.test(l))).toHaveLength(6);
    expect(lines(text).filter((l) => /^ {2}n\d+ -> n\d+ \[.*\];$/.test(l))).toHaveLength(5);
    expect(text.split("{").length).toBe(text.split("}").length);
  });

  it("escapes quotes, backslashes and newlines so labels stay inside their quotes", () => {
    expect(dotString('say "hi"\nC:\\tmp <b>')).toBe('"say \\"hi\\"\\nC:\\\\tmp <b>"');
    const text = toDot(incidentGraph(), { rel: null });
    expect(text).toContain('label="PAY-101\\nCheckout \\"pay\\" button fails"');
    expect(text).toContain('label="PAY-102\\nDB pool [primary] exhausted\\nsecond line"');
    // Quoted, `<` cannot start an HTML label.
    expect(text).toContain('label="PAY-103\\nLatency <500ms> regression & co"');
    for (const line of lines(text)) expect(line.replace(/\\"/g, "").split('"').length % 2).toBe(1);
  });

  it("draws each relationship in its own style", () => {
    const text = toDot(incidentGraph(), { rel: null });
    expect(edgeLine(text, "BLOCKS")).toMatch(/color="#d62728".*penwidth=3/);
    expect(edgeLine(text, "BLOCKS")).not.toContain("style=");
    expect(edgeLine(text, "CAUSES")).toMatch(/color="#ff7f0e".*style=dashed/);
    expect(edgeLine(text, "DUPLICATES")).toMatch(/color="#9467bd".*style=dotted/);
    expect(edgeLine(text, "RELATES_TO")).toContain("dir=none");
    expect(edgeLine(text, "ESCALATES_TO")).toContain(
      `color="${RELATIONSHIP_STYLES.ESCALATES_TO.color}"`,
    );
  });

  it("sets the root apart and fades closed cases", () => {
    const text = toDot(incidentGraph(), { rel: null });
    expect(lines(text).find((l) => l.includes('id="CASE:a"'))).toContain("penwidth=3");
    expect(lines(text).find((l) => l.includes('id="CASE:c"'))).toContain('fontcolor="#6b7280"');
    expect(lines(text).find((l) => l.includes('id="CASE:b"'))).not.toContain("fontcolor");
  });

  it("exports only the relationships of the view", () => {
    const text = toDot(incidentGraph(), { rel: ["BLOCKS"] });
    expect(lines(text).filter((l) => l.includes(" -> "))).toEqual([
      '  n1 -> n0 [label="BLOCKS", color="#d62728", fontcolor="#d62728", penwidth=3];',
    ]);
  });

  it("is the same every time", () => {
    expect(toDot(incidentGraph(), { rel: null })).toBe(toDot(incidentGraph(), { rel: null }));
  });
});
