import { describe, expect, it } from "vitest";
import { nodeHeadline, nodeLabel, wrapText } from "./captions";
import { entityName, entityNameOf, typeWord } from "./entities";

describe("wrapText", () => {
  it("wraps words onto two lines before it cuts, and marks a cut with …", () => {
    expect(wrapText("Checkout button fails", 21, 2)).toEqual(["Checkout button fails"]);
    expect(wrapText("Payment gateway times out for EU cards", 21, 2)).toEqual([
      "Payment gateway times",
      "out for EU cards",
    ]);
    const cut = wrapText("Database pool on the primary is exhausted again tonight", 21, 2);
    expect(cut).toHaveLength(2);
    expect(cut[1]?.endsWith("…")).toBe(true);
    for (const line of cut) expect(line.length).toBeLessThanOrEqual(21);
  });

  it("splits a word longer than a line instead of letting it overflow the box", () => {
    const lines = wrapText("x".repeat(50), 21, 2);
    expect(lines[0]).toBe("x".repeat(21));
    expect(lines[1]?.length).toBe(21);
    expect(lines[1]?.endsWith("…")).toBe(true);
  });
});

describe("names and captions", () => {
  const node = {
    type: "CASE",
    id: "0123456789abcdef",
    label: { type: "CASE", id: "0123456789abcdef", key: "OPS-9", priority: "P2", status: "CLOSED" },
  } as const;

  it("names an entity by its key, else by its type word and a short id", () => {
    expect(entityName(node)).toBe("OPS-9");
    expect(entityName({ type: "CASE", id: "0123456789abcdef" })).toBe("Case 01234567");
    expect(entityNameOf("AGENT_CONVERSATION:abcdefghijk", undefined)).toBe(
      "Agent conversation abcdefgh",
    );
    expect(typeWord("ROBOT")).toBe("ROBOT");
  });

  it("starts a label with the status glyph, the name and the priority; a failure is flagged", () => {
    expect(nodeHeadline(node)).toBe("✓ OPS-9 · P2");
    expect(nodeHeadline(node, true)).toBe("⚠ ✓ OPS-9 · P2");
    expect(nodeLabel({ ...node, label: { ...node.label, title: "A title" } })).toBe(
      "✓ OPS-9 · P2\nA title",
    );
  });
});
