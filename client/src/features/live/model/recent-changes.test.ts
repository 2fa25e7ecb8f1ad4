import { describe, expect, it } from "vitest";
import { closed, reading } from "./readings.test-support";
import {
  LIVE_CLASSES,
  markClasses,
  NO_CHANGES,
  nextExpiry,
  pruneChanges,
  recordChange,
  withGhosts,
} from "./recent-changes";

describe("recent changes", () => {
  const before = reading(["A BLOCKS ROOT", "B BLOCKS ROOT", "B RELATES_TO A"], {
    B: { priority: "P3" },
  });
  const after = reading(["A BLOCKS ROOT", "B RELATES_TO A", "N BLOCKS ROOT"], {
    A: { status: "CLOSED" },
    B: { priority: "P1" },
  });
  const recent = recordChange(NO_CHANGES, {
    before,
    after,
    blockersBefore: ["A", "B"],
    blockersAfter: ["N", "B"],
    isClosed: closed,
    now: 1_000,
    ttlMs: 10_000,
  });

  it("marks new entities and links, changed and newly cleared cases", () => {
    const classes = markClasses(recent);
    expect(classes.get("N")).toEqual([LIVE_CLASSES.added]);
    expect(classes.get("N BLOCKS ROOT")).toEqual([LIVE_CLASSES.added]);
    expect(classes.get("A")).toEqual([LIVE_CLASSES.cleared]);
    expect(classes.get("B")).toEqual([LIVE_CLASSES.changed]);
    expect(classes.get("B BLOCKS ROOT")).toEqual([LIVE_CLASSES.ghost]);
    expect(classes.has("ROOT")).toBe(false);
  });

  it("draws a removed link as a ghost while both its ends are shown", () => {
    const drawn = withGhosts(after, recent);
    expect(drawn.edges.map((edge) => edge.id)).toContain("B BLOCKS ROOT");
    expect(after.edges.map((edge) => edge.id)).not.toContain("B BLOCKS ROOT");
    const withoutB = reading(["A BLOCKS ROOT"]);
    expect(withGhosts(withoutB, recent)).toBe(withoutB);
  });

  it("forgets the marks once they have shown for their time", () => {
    expect(nextExpiry(recent)).toBe(11_000);
    expect(pruneChanges(recent, 5_000)).toBe(recent);
    const later = pruneChanges(recent, 11_000);
    expect(later.marks.size).toBe(0);
    expect(later.ghosts.size).toBe(0);
    expect(nextExpiry(later)).toBeUndefined();
  });
});
