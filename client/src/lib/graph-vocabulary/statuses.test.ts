import { describe, expect, it } from "vitest";
import type { GraphNode } from "../graph-types";
import { opennessOf, statusWord } from "./statuses";

function nodeWith(status: string | undefined, arrived = true): GraphNode {
  return {
    key: "CASE:1",
    type: "CASE",
    id: "1",
    hop: 0,
    frontier: false,
    labelStatus: arrived ? "done" : "pending",
    ...(arrived ? { label: { type: "CASE", id: "1", status } } : {}),
  };
}

describe("opennessOf", () => {
  it("reads case statuses: only CLOSED is closed", () => {
    expect(opennessOf(nodeWith("OPEN"))).toBe("open");
    expect(opennessOf(nodeWith("IN_PROGRESS"))).toBe("open");
    expect(opennessOf(nodeWith("CLOSED"))).toBe("closed");
  });

  it("reads incident states: resolved is closed, active and stable are open", () => {
    expect(opennessOf(nodeWith("active"))).toBe("open");
    expect(opennessOf(nodeWith("stable"))).toBe("open");
    expect(opennessOf(nodeWith("resolved"))).toBe("closed");
  });

  it("calls a node unknown until its label arrives, or when the label has no status", () => {
    expect(opennessOf(nodeWith(undefined, false))).toBe("unknown");
    expect(opennessOf(nodeWith(undefined))).toBe("unknown");
    expect(opennessOf(undefined)).toBe("unknown");
  });
});

describe("statusWord", () => {
  it("writes a status as the page does, whatever Datadog's spelling", () => {
    expect(statusWord("IN_PROGRESS")).toBe("In progress");
    expect(statusWord("OPEN")).toBe("Open");
    expect(statusWord("active")).toBe("Active");
    expect(statusWord(undefined)).toBe("");
  });
});
