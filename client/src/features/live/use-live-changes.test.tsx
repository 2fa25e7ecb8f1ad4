import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { GraphSnapshot } from "../../lib/graph-types";
import { closed, reading } from "./model/readings.test-support";
import { useLiveChanges } from "./use-live-changes";

const blockersOf = (snapshot: GraphSnapshot) =>
  snapshot.edges
    .filter((e) => e.relationship === "BLOCKS" && e.target === "ROOT")
    .map((e) => e.source)
    .filter((key) => !closed(snapshot.nodes.get(key)));

function setup(first: GraphSnapshot) {
  return renderHook(
    ({ snapshot, settled }) =>
      useLiveChanges({ snapshot, settled, viewKey: "v", blockersOf, isClosed: closed }),
    { initialProps: { snapshot: first, settled: true } },
  );
}

describe("useLiveChanges", () => {
  it("marks what a re-read brought and lists it since the page opened", () => {
    const first = reading(["A BLOCKS ROOT"]);
    const { result, rerender } = setup(first);
    expect(result.current.readings).toHaveLength(1);

    act(() => result.current.expectReading());
    expect(result.current.reading).toBe(true);
    rerender({ snapshot: first, settled: false });
    const second = reading(["A BLOCKS ROOT", "N BLOCKS ROOT"]);
    rerender({ snapshot: second, settled: true });

    expect(result.current.reading).toBe(false);
    expect(result.current.readings).toHaveLength(2);
    expect(result.current.marks.get("N")).toEqual(["live-new"]);
    expect(result.current.marks.get("N BLOCKS ROOT")).toEqual(["live-new"]);
    expect(result.current.summary.map((item) => item.id)).toEqual(["new-blockers", "links"]);
  });

  it("announces the moment the last open blocker clears", () => {
    const first = reading(["A BLOCKS ROOT"]);
    const { result, rerender } = setup(first);
    expect(result.current.allClearAt).toBeNull();
    act(() => result.current.expectReading());
    rerender({ snapshot: first, settled: false });
    rerender({ snapshot: reading(["A BLOCKS ROOT"], { A: { status: "CLOSED" } }), settled: true });
    expect(result.current.allClearAt).not.toBeNull();
    expect(result.current.marks.get("A")).toEqual(["live-cleared"]);
  });

  it("leaves what the person expanded out of the changes", () => {
    const first = reading(["A RELATES_TO ROOT"]);
    const { result, rerender } = setup(first);
    rerender({ snapshot: first, settled: false });
    rerender({ snapshot: reading(["A RELATES_TO ROOT", "E RELATES_TO A"]), settled: true });
    expect(result.current.summary).toEqual([]);
    expect(result.current.marks.size).toBe(0);
  });

  it("never shows a re-read whose lookups failed as the graph emptying", () => {
    const first = reading(["A BLOCKS ROOT", "B BLOCKS ROOT"]);
    const { result, rerender } = setup(first);
    act(() => result.current.expectReading());
    rerender({ snapshot: first, settled: false });
    // The root's links failed: only the root is left, and the graph says it is incomplete.
    const failed = { ...reading([]), incomplete: true };
    rerender({ snapshot: failed, settled: true });
    expect(result.current.readings).toHaveLength(1);
    expect(result.current.summary).toEqual([]);
    expect(result.current.marks.size).toBe(0);
    expect(result.current.allClearAt).toBeNull();
  });
});
