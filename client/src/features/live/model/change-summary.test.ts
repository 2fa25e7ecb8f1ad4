import { describe, expect, it } from "vitest";
import { type ChangeItem, summariseChanges } from "./change-summary";
import { closed, reading } from "./readings.test-support";

const text = (items: ChangeItem[]) =>
  items.map((item) =>
    item.parts.map((part) => (typeof part === "string" ? part : part.key)).join(""),
  );

describe("summariseChanges", () => {
  it("reads like the incident channel: closed blockers, new blockers, new priorities", () => {
    const since = reading(["A BLOCKS ROOT", "B BLOCKS ROOT", "P BLOCKS ROOT"], {
      P: { priority: "P3" },
    });
    const now = reading(["A BLOCKS ROOT", "B BLOCKS ROOT", "P BLOCKS ROOT", "N BLOCKS ROOT"], {
      A: { status: "CLOSED" },
      B: { status: "CLOSED" },
      P: { priority: "P1" },
    });
    const items = summariseChanges({
      since,
      now,
      blockersSince: ["A", "B", "P"],
      blockersNow: ["P", "N"],
      isClosed: closed,
    });
    expect(text(items)).toEqual([
      "2 blockers closed (A, B)",
      "1 new blocker (N)",
      "P is now P1",
      "1 link added",
    ]);
    expect(items[0]?.parts.filter((part) => typeof part !== "string")).toEqual([
      { key: "A" },
      { key: "B" },
    ]);
  });

  it("tells a blocker that was unlinked from one that was closed", () => {
    const since = reading(["A BLOCKS ROOT", "A RELATES_TO ROOT"]);
    const now = reading(["A RELATES_TO ROOT"]);
    const items = summariseChanges({
      since,
      now,
      blockersSince: ["A"],
      blockersNow: [],
      isClosed: closed,
    });
    expect(text(items)).toEqual(["1 blocker no longer blocks (A)", "1 link removed"]);
  });

  it("says nothing when nothing changed", () => {
    const graph = reading(["A BLOCKS ROOT"]);
    expect(
      summariseChanges({
        since: graph,
        now: reading(["A BLOCKS ROOT"]),
        blockersSince: ["A"],
        blockersNow: ["A"],
        isClosed: closed,
      }),
    ).toEqual([]);
  });

  it("lists entities that joined or left the graph, and status changes in words", () => {
    const since = reading(["A RELATES_TO ROOT", "B RELATES_TO ROOT"]);
    const now = reading(["A RELATES_TO ROOT", "C RELATES_TO ROOT"], {
      A: { status: "IN_PROGRESS" },
    });
    const items = summariseChanges({
      since,
      now,
      blockersSince: [],
      blockersNow: [],
      isClosed: closed,
    });
    expect(text(items)).toEqual([
      "A is now in progress",
      "1 new entity (C)",
      "1 entity no longer linked (B)",
      "1 link added, 1 link removed",
    ]);
  });
});

describe("summariseChanges, naming what left the graph", () => {
  it("names an entity that is no longer linked as the earlier reading knew it", () => {
    const items = summariseChanges({
      since: reading(["A RELATES_TO ROOT", "B RELATES_TO ROOT"], { B: { key: "NET-99" } }),
      now: reading(["A RELATES_TO ROOT"]),
      blockersSince: [],
      blockersNow: [],
      isClosed: closed,
    });
    const removed = items.find((item) => item.id === "removed");
    expect(removed?.parts.filter((part) => typeof part !== "string")).toEqual([
      { key: "B", gone: "NET-99" },
    ]);
  });
});

describe("summariseChanges, a blocker that left the graph", () => {
  it("is listed once, as no longer blocking, by the name the earlier reading knew", () => {
    const items = summariseChanges({
      since: reading(["A BLOCKS ROOT", "B BLOCKS ROOT"], { B: { key: "NET-98" } }),
      now: reading(["A BLOCKS ROOT"]),
      blockersSince: ["A", "B"],
      blockersNow: ["A"],
      isClosed: closed,
    });
    expect(items.map((item) => item.id)).toEqual(["unlinked", "links"]);
    expect(items[0]?.parts.filter((part) => typeof part !== "string")).toEqual([
      { key: "B", gone: "NET-98" },
    ]);
  });
});

describe("summariseChanges, with what the person expanded", () => {
  it("leaves out entities and links that appeared because the person asked for them", () => {
    const since = reading(["A RELATES_TO ROOT"]);
    const now = reading(["A RELATES_TO ROOT", "E RELATES_TO A", "N BLOCKS ROOT"]);
    const items = summariseChanges({
      since,
      now,
      blockersSince: [],
      blockersNow: ["N"],
      isClosed: closed,
      ignore: new Set(["E", "E RELATES_TO A"]),
    });
    expect(text(items)).toEqual(["1 new blocker (N)", "1 link added"]);
  });
});
