import { act, render, screen } from "@testing-library/react";
import cytoscape from "cytoscape";
import { describe, expect, it } from "vitest";
import { applyDiff } from "./apply-diff";
import { GRAPH_STYLESHEET } from "./graph-styles";
import { KEYBOARD_VIEW_JUMP } from "./keyboard-navigation";
import { NodeTooltip } from "./node-tooltip";
import { makeSnapshot } from "./snapshot-fixture";
import { toElements } from "./to-elements";

const longTitle = "Payment gateway times out for every card issued in the EU since the deploy";

function core() {
  const cy = cytoscape({ headless: true, styleEnabled: true, style: GRAPH_STYLESHEET });
  const snapshot = makeSnapshot([
    { key: "CASE:a", label: { key: "PAY-101", title: longTitle, status: "OPEN" } },
    { key: "CASE:b", hop: 1, label: { key: "PAY-102", title: "Short" } },
  ]);
  applyDiff(cy, toElements(snapshot, { rel: null, dup: "show", highlighted: new Set() }));
  cy.getElementById("CASE:a").position({ x: 200, y: 200 });
  return cy;
}

describe("NodeTooltip", () => {
  it("shows the full title of the hovered node, which its label cuts", () => {
    const cy = core();
    render(<NodeTooltip core={cy} selected={null} />);
    expect(screen.queryByRole("tooltip")).toBeNull();
    expect(String(cy.getElementById("CASE:a").data("label"))).not.toContain(longTitle);
    act(() => {
      cy.getElementById("CASE:a").emit("mouseover");
    });
    expect(screen.getByRole("tooltip")).toHaveTextContent(`PAY-101 (Open): ${longTitle}`);
    act(() => {
      cy.getElementById("CASE:a").emit("mouseout");
    });
    expect(screen.queryByRole("tooltip")).toBeNull();
  });

  it("steps aside when a key zooms or fits the view, and shows again on the next hover", () => {
    const cy = core();
    render(<NodeTooltip core={cy} selected={null} />);
    act(() => {
      cy.getElementById("CASE:a").emit("mouseover");
    });
    expect(screen.getByRole("tooltip")).toBeInTheDocument();
    act(() => {
      cy.emit(KEYBOARD_VIEW_JUMP);
    });
    expect(screen.queryByRole("tooltip")).toBeNull();
    act(() => {
      cy.getElementById("CASE:a").emit("mouseover");
    });
    expect(screen.getByRole("tooltip")).toHaveTextContent("PAY-101");
  });
});
