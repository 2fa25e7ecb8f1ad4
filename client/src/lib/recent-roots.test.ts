import { beforeEach, describe, expect, it } from "vitest";
import { readRecentRoots, rememberRoot } from "./recent-roots";

describe("recent roots", () => {
  beforeEach(() => localStorage.clear());

  it("lists opened roots newest first without repeats", () => {
    rememberRoot({ id: "a", key: "PAY-1" });
    rememberRoot({ id: "b", key: "PAY-2" });
    rememberRoot({ id: "a", key: "PAY-1" });
    expect(readRecentRoots().map((r) => r.id)).toEqual(["a", "b"]);
  });

  it("keeps at most eight", () => {
    for (let i = 0; i < 12; i++) rememberRoot({ id: `c${i}` });
    expect(readRecentRoots()).toHaveLength(8);
    expect(readRecentRoots()[0]?.id).toBe("c11");
  });

  it("survives a corrupt stored value", () => {
    localStorage.setItem("casegraph:recent-roots", "{not json");
    expect(readRecentRoots()).toEqual([]);
    localStorage.setItem(
      "casegraph:recent-roots",
      JSON.stringify([{ id: 3 }, { id: "ok", openedAt: 1 }]),
    );
    expect(readRecentRoots().map((r) => r.id)).toEqual(["ok"]);
  });
});
