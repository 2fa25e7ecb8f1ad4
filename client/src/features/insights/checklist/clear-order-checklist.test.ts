import { describe, expect, it } from "vitest";
import { analyze } from "../analysis/analyze";
import { snapshotOf } from "../analysis/test-snapshot";
import { clearOrderChecklist } from "./clear-order-checklist";

const NOW = Date.parse("2026-03-14T12:00:00Z");

function withDetails(snapshot: ReturnType<typeof snapshotOf>) {
  const nodes = new Map(snapshot.nodes);
  for (const [key, node] of nodes) {
    if (!node.label) continue;
    nodes.set(key, {
      ...node,
      label: {
        ...node.label,
        assignee: key === "B" ? undefined : `Owner of ${key}`,
        priority: "P1",
        created_at: "2026-03-14T09:30:00Z",
        url: `https://app.datadoghq.com/cases/${key}`,
      },
    });
  }
  return { ...snapshot, nodes };
}

describe("clearOrderChecklist", () => {
  const snapshot = withDetails(
    snapshotOf({
      root: "R",
      links: [
        ["A", "BLOCKS", "R"],
        ["B", "BLOCKS", "A"],
        ["X", "BLOCKS", "Y"],
        ["Y", "BLOCKS", "X"],
        ["X", "BLOCKS", "R"],
      ],
    }),
  );
  const { clearOrder } = analyze(snapshot);
  const list = clearOrderChecklist({ rootKey: "R", clearOrder, nodes: snapshot.nodes, asOf: NOW });

  it("lists every open blocker in the clear order, with assignee, facts and a Datadog link", () => {
    expect(list.markdown).toBe(
      [
        "## Clear order for R: Case R (as of 2026-03-14 12:00 UTC)",
        "",
        "1. [ ] **B** Case B (unassigned · open · P1 · open 2 h 30 min) [Open in Datadog](https://app.datadoghq.com/cases/B)",
        "2. [ ] Deadlock: these block each other; break one link first.",
        "   - **X** Case X (Owner of X · open · P1 · open 2 h 30 min) [Open in Datadog](https://app.datadoghq.com/cases/X)",
        "   - **Y** Case Y (Owner of Y · open · P1 · open 2 h 30 min) [Open in Datadog](https://app.datadoghq.com/cases/Y)",
        "3. [ ] **A** Case A (Owner of A · open · P1 · open 2 h 30 min) [Open in Datadog](https://app.datadoghq.com/cases/A)",
        "",
      ].join("\n"),
    );
  });

  it("has a plain-text form with bare links", () => {
    expect(list.text.split("\n")[2]).toBe(
      "1. B Case B (unassigned · open · P1 · open 2 h 30 min) https://app.datadoghq.com/cases/B",
    );
  });

  it("keeps Markdown in titles from changing the list", () => {
    const tricky = withDetails(snapshotOf({ root: "R", links: [["A", "BLOCKS", "R"]] }));
    const a = tricky.nodes.get("A");
    if (!a?.label) throw new Error("A has no label");
    tricky.nodes.set("A", { ...a, label: { ...a.label, title: "*bold* [x](y)" } });
    const { markdown } = clearOrderChecklist({
      rootKey: "R",
      clearOrder: analyze(tricky).clearOrder,
      nodes: tricky.nodes,
      asOf: NOW,
    });
    expect(markdown).toContain("**A** \\*bold\\* \\[x\\](y)");
  });
});
