import { fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { CollapsiblePanel } from "./collapsible-panel";

function panel() {
  return (
    <CollapsiblePanel name="Insights" side="right">
      <p>Open blockers</p>
    </CollapsiblePanel>
  );
}

describe("CollapsiblePanel", () => {
  afterEach(() => localStorage.clear());

  it("folds its content away and this browser remembers it", () => {
    const { unmount } = render(panel());
    expect(screen.getByText("Open blockers")).toBeVisible();
    fireEvent.click(screen.getByRole("button", { name: "Hide Insights" }));
    expect(screen.queryByText("Open blockers")).not.toBeVisible();
    unmount();

    render(panel());
    const show = screen.getByRole("button", { name: "Show Insights" });
    expect(show).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByText("Open blockers")).not.toBeVisible();
    fireEvent.click(show);
    expect(screen.getByText("Open blockers")).toBeVisible();
  });

  it("starts folded in a narrow window until the person opens it, and then remembers that", () => {
    const wide = window.innerWidth;
    window.innerWidth = 1024;
    try {
      const narrow = () => (
        <CollapsiblePanel name="legend" side="left" foldedBelowPx={1200}>
          <p>Relationships</p>
        </CollapsiblePanel>
      );
      const { unmount } = render(narrow());
      expect(screen.queryByText("Relationships")).not.toBeVisible();
      fireEvent.click(screen.getByRole("button", { name: "Show legend" }));
      expect(screen.getByText("Relationships")).toBeVisible();
      unmount();
      render(narrow());
      expect(screen.getByText("Relationships")).toBeVisible();
    } finally {
      window.innerWidth = wide;
    }
  });

  it("starts open in a wide window", () => {
    const wide = window.innerWidth;
    window.innerWidth = 1440;
    try {
      render(
        <CollapsiblePanel name="legend" side="left" foldedBelowPx={1200}>
          <p>Relationships</p>
        </CollapsiblePanel>,
      );
      expect(screen.getByText("Relationships")).toBeVisible();
    } finally {
      window.innerWidth = wide;
    }
  });
});
