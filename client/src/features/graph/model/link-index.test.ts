import { describe, expect, it } from "vitest";
import { LinkIndex } from "./link-index";
import { caseKey, link } from "./test-graph";

describe("LinkIndex", () => {
  it("turns links into edges from parent to child", () => {
    const index = new LinkIndex();
    const added = index.merge([link("l1", "a", "b", "CAUSES")]);
    expect(added).toEqual([
      { id: "l1", source: caseKey("a"), target: caseKey("b"), relationship: "CAUSES" },
    ]);
    expect(index.neighbours(caseKey("a"))).toEqual(new Set([caseKey("b")]));
    expect(index.neighbours(caseKey("b"))).toEqual(new Set([caseKey("a")]));
  });

  it("keeps one edge for a link that comes back from both of its ends", () => {
    const index = new LinkIndex();
    index.merge([link("l1", "a", "b")]);
    expect(index.merge([link("l1", "a", "b"), link("l2", "b", "c")])).toHaveLength(1);
    expect(index.size).toBe(2);
  });

  it("keeps two links between the same cases when their ids differ", () => {
    const index = new LinkIndex();
    index.merge([link("l1", "a", "b"), link("l2", "a", "b", "CAUSES")]);
    expect([...index.edges()].map((e) => e.id)).toEqual(["l1", "l2"]);
  });

  it("keeps a self-link as an edge whose node neighbours itself", () => {
    const index = new LinkIndex();
    index.merge([link("self", "a", "a")]);
    expect([...index.edges()]).toEqual([
      { id: "self", source: caseKey("a"), target: caseKey("a"), relationship: "BLOCKS" },
    ]);
    expect(index.neighbours(caseKey("a"))).toEqual(new Set([caseKey("a")]));
  });

  it("keeps an entity of a type it does not know, with that type", () => {
    const index = new LinkIndex();
    index.merge([link("l1", "a", "RUNBOOK:r1", "MITIGATES")]);
    expect(index.entity("RUNBOOK:r1")).toEqual({ key: "RUNBOOK:r1", type: "RUNBOOK", id: "r1" });
    expect([...index.edges()][0]?.relationship).toBe("MITIGATES");
  });

  it("lists the links into an entity, whatever their relationship, once each", () => {
    const index = new LinkIndex();
    index.merge([link("l1", "a", "b"), link("l2", "c", "b", "CAUSES"), link("l3", "b", "d")]);
    index.merge([link("l2", "c", "b", "CAUSES")]);
    expect(index.linksInto(caseKey("b")).map((e) => e.id)).toEqual(["l1", "l2"]);
    expect(index.linksInto(caseKey("a"))).toEqual([]);
  });

  it("has no neighbours for an entity it never saw", () => {
    expect(new LinkIndex().neighbours(caseKey("zzz")).size).toBe(0);
  });
});
