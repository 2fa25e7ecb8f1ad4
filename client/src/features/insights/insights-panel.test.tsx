import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { GraphSnapshot } from "../../lib/graph-types";
import { analyze } from "./analysis/analyze";
import { type SnapshotSpec, snapshotOf } from "./analysis/test-snapshot";
import { type Highlight, InsightsPanel } from "./insights-panel";

function renderPanel(snapshot: GraphSnapshot, highlighted: Highlight | null = null) {
  const onSelect = vi.fn();
  const onHighlight = vi.fn();
  const view = render(
    <InsightsPanel
      insights={analyze(snapshot)}
      nodes={snapshot.nodes}
      onSelect={onSelect}
      onHighlight={onHighlight}
      highlighted={highlighted}
    />,
  );
  return { onSelect, onHighlight, ...view };
}

const incident: SnapshotSpec = {
  root: "PAY-101",
  links: [
    ["PAY-102", "BLOCKS", "PAY-101"],
    ["PAY-103", "BLOCKS", "PAY-102"],
    ["PAY-104", "BLOCKS", "PAY-101"],
    ["OPS-1", "CAUSES", "PAY-101"],
    ["PAY-110", "DUPLICATES", "PAY-101"],
  ],
  status: { "PAY-104": "CLOSED" },
};

const region = (name: string) => screen.getByRole("region", { name });

describe("InsightsPanel", () => {
  it("is a complementary landmark headed by the number of open blockers", () => {
    renderPanel(snapshotOf(incident));
    const panel = screen.getByRole("complementary", { name: "Insights" });
    expect(within(panel).getByText("2 open blockers")).toBeInTheDocument();
  });

  it("names blockers by key with their title, and keeps resolved ones apart", () => {
    renderPanel(snapshotOf(incident));
    const blockers = region("Open blockers");
    expect(
      within(blockers).getByRole("button", { name: "PAY-102 Case PAY-102" }),
    ).toBeInTheDocument();
    expect(
      within(blockers).getByRole("button", { name: "PAY-103 Case PAY-103" }),
    ).toBeInTheDocument();
    expect(within(blockers).getByText("No longer blocking")).toBeInTheDocument();
    expect(within(blockers).getByRole("button", { name: /PAY-104/ })).toBeInTheDocument();
    expect(within(blockers).getByText("resolved")).toBeInTheDocument();
  });

  it("selects a case when its button is pressed", async () => {
    const { onSelect } = renderPanel(snapshotOf(incident));
    await userEvent.click(within(region("Root causes")).getByRole("button", { name: /OPS-1/ }));
    expect(onSelect).toHaveBeenCalledWith("OPS-1");
  });

  it("shows the critical path and the order to clear it, blockers first", () => {
    renderPanel(snapshotOf(incident));
    const path = within(region("Critical path")).getAllByRole("button", { name: /^PAY-/ });
    expect(path.map((b) => b.textContent)).toEqual([
      "PAY-103 Case PAY-103",
      "PAY-102 Case PAY-102",
      "PAY-101 Case PAY-101",
    ]);
    const order = within(region("Clear in this order")).getAllByRole("button");
    expect(order.map((b) => b.textContent)).toEqual([
      "PAY-103 Case PAY-103",
      "PAY-102 Case PAY-102",
    ]);
  });

  it("toggles the critical path highlight", async () => {
    const snapshot = snapshotOf(incident);
    const { onHighlight, rerender } = renderPanel(snapshot);
    const toggle = screen.getByRole("button", { name: "Highlight critical path" });
    expect(toggle).toHaveAttribute("aria-pressed", "false");
    await userEvent.click(toggle);
    expect(onHighlight).toHaveBeenLastCalledWith({
      kind: "critical-path",
      keys: ["PAY-103", "PAY-102", "PAY-101"],
      relationship: "BLOCKS",
    });

    rerender(
      <InsightsPanel
        insights={analyze(snapshot)}
        nodes={snapshot.nodes}
        onSelect={() => {}}
        onHighlight={onHighlight}
        highlighted={{
          kind: "critical-path",
          keys: ["PAY-103", "PAY-102", "PAY-101"],
          relationship: "BLOCKS",
        }}
      />,
    );
    const pressed = screen.getByRole("button", { name: "Highlight critical path" });
    expect(pressed).toHaveAttribute("aria-pressed", "true");
    await userEvent.click(pressed);
    expect(onHighlight).toHaveBeenLastCalledWith(null);
  });

  it("calls a BLOCKS cycle a deadlock and can highlight it", async () => {
    const { onHighlight } = renderPanel(
      snapshotOf({
        root: "PAY-101",
        links: [
          ["PAY-102", "BLOCKS", "PAY-101"],
          ["PAY-103", "BLOCKS", "PAY-102"],
          ["PAY-102", "BLOCKS", "PAY-103"],
        ],
      }),
    );
    const cycles = region("Cycles");
    expect(within(cycles).getByText("Deadlock: BLOCKS cycle")).toBeInTheDocument();
    expect(
      within(region("Clear in this order")).getByText(/Deadlock: these block each other/),
    ).toBeInTheDocument();
    await userEvent.click(within(cycles).getByRole("button", { name: "Highlight deadlock 1" }));
    expect(onHighlight).toHaveBeenCalledWith({
      kind: "cycle",
      keys: ["PAY-102", "PAY-103"],
      relationship: "BLOCKS",
    });
  });

  it("says something useful when nothing blocks, causes or duplicates the root", () => {
    renderPanel(snapshotOf({ root: "PAY-101", links: [] }));
    expect(screen.getByText("0 open blockers")).toBeInTheDocument();
    expect(screen.getByText("Nothing open blocks PAY-101.")).toBeInTheDocument();
    expect(screen.getByText("No chain of open blockers leads to PAY-101.")).toBeInTheDocument();
    expect(screen.getByText("No cycles in BLOCKS or CAUSES.")).toBeInTheDocument();
    expect(screen.getByText("Nothing shown causes PAY-101.")).toBeInTheDocument();
    expect(screen.getByText("No duplicates among the cases shown.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Highlight/ })).not.toBeInTheDocument();
  });

  it("lists duplicate clusters under the case they duplicate", () => {
    renderPanel(snapshotOf(incident));
    const duplicates = region("Duplicates");
    const buttons = within(duplicates).getAllByRole("button");
    expect(buttons.map((b) => b.textContent)).toEqual([
      "PAY-101 Case PAY-101",
      "PAY-110 Case PAY-110",
    ]);
    expect(within(duplicates).getByText("duplicated by")).toBeInTheDocument();
  });

  it("warns when the graph is incomplete or statuses are unknown", () => {
    renderPanel(
      snapshotOf({
        root: "PAY-101",
        links: [["PAY-102", "BLOCKS", "PAY-101"]],
        status: { "PAY-102": null },
        incomplete: true,
      }),
    );
    expect(screen.getByText(/Based on an incomplete graph/)).toBeInTheDocument();
    expect(
      screen.getByText("1 case has no known status yet and is counted as open."),
    ).toBeInTheDocument();
  });

  it("falls back to the type and a short id for a case whose label has not arrived", () => {
    const id = "9daaa414-55f6-4541-ab00-b608b282ea7d";
    const key = `CASE:${id}`;
    const snapshot = snapshotOf({ root: "PAY-101", links: [] });
    const nodes = new Map(snapshot.nodes);
    nodes.set(key, { key, type: "CASE", id, hop: 1, frontier: false, labelStatus: "pending" });
    renderPanel({
      ...snapshot,
      nodes,
      edges: [{ id: "l1", source: key, target: "PAY-101", relationship: "BLOCKS" }],
    });
    expect(
      within(region("Open blockers")).getByRole("button", { name: "Case 9daaa414" }),
    ).toBeInTheDocument();
  });
});
