import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { DEFAULT_VIEW_STATE } from "../../../lib/url-state";
import { Toolbar } from "./toolbar";

function renderToolbar(onRefresh: (() => void) | null) {
  render(
    <Toolbar
      view={{ ...DEFAULT_VIEW_STATE }}
      onViewChange={() => {}}
      search={null}
      onFit={() => {}}
      onRefresh={onRefresh}
      onCopyLink={() => {}}
      copied={false}
      onExport={() => {}}
    />,
  );
  return screen.getByRole("button", { name: "Refresh" });
}

describe("Toolbar", () => {
  it("refreshes the live graph", async () => {
    const onRefresh = vi.fn();
    const refresh = renderToolbar(onRefresh);
    expect(refresh).toBeEnabled();
    expect(refresh).not.toHaveAccessibleDescription();
    await userEvent.click(refresh);
    expect(onRefresh).toHaveBeenCalledTimes(1);
  });

  it("disables Refresh on a snapshot and says why", () => {
    const refresh = renderToolbar(null);
    expect(refresh).toBeDisabled();
    expect(refresh).toHaveAccessibleDescription(
      "A snapshot shows the graph as it was; open the live case to refresh.",
    );
    expect(refresh).toHaveAttribute(
      "title",
      "A snapshot shows the graph as it was; open the live case to refresh.",
    );
  });
});
