import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { makeSnapshot } from "../canvas/snapshot-fixture";
import { SearchBox } from "./search-box";

const snapshot = makeSnapshot([
  { key: "CASE:a", label: { key: "PAY-101", title: "Checkout fails" } },
  { key: "CASE:b", label: { key: "PAY-102", title: "Database pool exhausted" } },
]);

describe("SearchBox", () => {
  it("offers the entities whose key or title matches, and picks one", () => {
    const onPick = vi.fn();
    render(<SearchBox snapshot={snapshot} onPick={onPick} />);
    const input = screen.getByRole("combobox", { name: "Search by key or title" });
    fireEvent.change(input, { target: { value: "pool" } });
    const options = screen.getAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual(["PAY-102 Database pool exhausted"]);
    fireEvent.keyDown(input, { key: "Enter" });
    expect(onPick).toHaveBeenCalledWith("CASE:b");
  });

  it("says so when nothing matches", () => {
    render(<SearchBox snapshot={snapshot} onPick={() => {}} />);
    fireEvent.change(screen.getByRole("combobox"), { target: { value: "nowhere" } });
    expect(screen.queryAllByRole("option")).toEqual([]);
    expect(screen.getByRole("status")).toHaveTextContent("No entity matches “nowhere”.");
  });
});
