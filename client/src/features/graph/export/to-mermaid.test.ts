import { describe, expect, it } from "vitest";
import { RELATIONSHIP_STYLES } from "../../../lib/graph-vocabulary";
import { incidentGraph } from "./test-graph";
import { mermaidText, toMermaid } from "./to-mermaid";

const lines = (text: string) => text.trimEnd().split("\n");

describe("toMermaid", () => {
  it("is a top-down flowchart with one line per node and per link, all with safe ids", () => {
    const text = toMermaid(incidentGraph(), { rel: null });
    const all = lines(text);
    expect(all[0]).toBe("flowchart TD");
    const nodeLines = all.filter((l) => /^ {2}n\d+[[({]/.test(l));
    const linkLines = all.filter((l) => /^ {2}n\d+ (==>|-->|-\.->|---)\|[^|]*\| n\d+$/.test(l));
    expect(nodeLines).toHaveLength(6);
    expect(linkLines).toHaveLength(5);
  });

  it("escapes quotes, brackets, angle brackets and newlines in labels", () => {
    const text = toMermaid(incidentGraph(), { rel: null });
    for (const line of lines(text).filter((l) => /^ {2}n\d+[[({]/.test(l))) {
      // Exactly one quoted label per node line, so nothing in a title closed it early.
      expect(line.match(/"/g)).toHaveLength(2);
      const label = line.slice(line.indexOf('"') + 1, line.lastIndexOf('"'));
      expect(label.replace(/<br\/>/g, "")).not.toMatch(/[[\]<>"{}]/);
    }
    expect(text).toContain("Checkout #34;pay#34; button fails");
    expect(text).toContain("DB pool #91;primary#93; exhausted second line");
    expect(text).toContain("Latency #60;500ms#62; regression #38; co");
  });

  it("escapes every character that could end a label", () => {
    expect(mermaidText('a"b]c[d<e>f\ng#h|i')).toBe("a#34;b#93;c#91;d#60;e#62;f g#35;h#124;i");
  });

  it("draws each relationship in its own style", () => {
    const text = toMermaid(incidentGraph(), { rel: null });
    const styleOf = (relationship: string) => {
      const index = lines(text)
        .filter((l) => / n\d+$/.test(l) && l.includes("|"))
        .findIndex((l) => l.includes(`|${relationship}|`));
      const style = lines(text).find((l) =>
        new RegExp(`^ {2}linkStyle (\\d+,)*${index}(,\\d+)* `).test(l),
      );
      return { line: lines(text).find((l) => l.includes(`|${relationship}|`)), style };
    };
    expect(styleOf("BLOCKS").line).toContain("==>");
    expect(styleOf("BLOCKS").style).toContain("stroke:#d62728,stroke-width:3px");
    expect(styleOf("CAUSES").style).toMatch(/stroke:#ff7f0e.*stroke-dasharray:6 4/);
    expect(styleOf("DUPLICATES").style).toMatch(/stroke:#9467bd.*stroke-dasharray:2 3/);
    expect(styleOf("RELATES_TO").line).toContain(" ---|RELATES_TO| ");
    expect(styleOf("ESCALATES_TO").style).toContain(
      `stroke:${RELATIONSHIP_STYLES.ESCALATES_TO.color}`,
    );
  });

  it("marks the root and the closed cases with their classes", () => {
    const text = toMermaid(incidentGraph(), { rel: null });
    expect(text).toContain("  classDef root ");
    expect(text).toContain("  classDef closed ");
    expect(text).toContain("  class n0 root\n");
    const closed = lines(text).find((l) => l.startsWith("  class ") && l.endsWith(" closed"));
    const closedIds = closed?.slice("  class ".length, -" closed".length).split(",") ?? [];
    const labelOf = (id: string) =>
      lines(text).find((l) => l.startsWith(`  ${id}[`) || l.startsWith(`  ${id}{`));
    expect(
      closedIds
        .map(labelOf)
        .map((l) => l?.match(/"([^<"]*)/)?.[1])
        .sort(),
    ).toEqual(["IR-7", "PAY-103"]);
  });

  it("exports only the relationships of the view", () => {
    const text = toMermaid(incidentGraph(), { rel: ["DUPLICATES"] });
    expect(text).toContain("|DUPLICATES|");
    expect(text).not.toMatch(/\|(BLOCKS|CAUSES|RELATES_TO|ESCALATES_TO)\|/);
    expect(lines(text).filter((l) => /^ {2}n\d+[[({]/.test(l))).toHaveLength(2);
  });

  it("is the same every time", () => {
    expect(toMermaid(incidentGraph(), { rel: null })).toBe(
      toMermaid(incidentGraph(), { rel: null }),
    );
  });
});
