import { RELATIONSHIPS } from "@casegraph/server/contract";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LAYOUT_NAMES } from "./layout-names";
import {
  DEFAULT_VIEW_STATE,
  hasControlCharacter,
  parseViewState,
  serializeViewState,
  type ViewState,
} from "./url-state";

const parse = (query: string) => parseViewState(new URLSearchParams(query));

describe("parseViewState", () => {
  it("gives the defaults, without notices, for an empty query", () => {
    expect(parse("")).toEqual({ state: DEFAULT_VIEW_STATE, notices: [] });
  });

  it("reads every parameter", () => {
    const { state, notices } = parse(
      "depth=5&rel=BLOCKS,CAUSES&layout=force&selected=PAY-101&expand=a1,b2&dup=collapse&view=table&cap=2000&live=5",
    );
    expect(notices).toEqual([]);
    expect(state).toEqual({
      depth: 5,
      rel: ["BLOCKS", "CAUSES"],
      layout: "force",
      selected: "PAY-101",
      expand: ["a1", "b2"],
      dup: "collapse",
      view: "table",
      cap: 2000,
      live: 5,
    });
  });

  it.each([
    [
      "depth=99",
      "Ignored depth=99: depth must be a whole number from 1 to 10. Showing the default instead.",
    ],
    [
      "cap=10",
      "Ignored cap=10: cap must be a whole number from 50 to 10000. Showing the default instead.",
    ],
    [
      "cap=lots",
      "Ignored cap=lots: cap must be a whole number from 50 to 10000. Showing the default instead.",
    ],
    [
      "depth=0",
      "Ignored depth=0: depth must be a whole number from 1 to 10. Showing the default instead.",
    ],
    [
      "depth=2.5",
      "Ignored depth=2.5: depth must be a whole number from 1 to 10. Showing the default instead.",
    ],
    [
      "depth=-1",
      "Ignored depth=-1: depth must be a whole number from 1 to 10. Showing the default instead.",
    ],
    [
      "depth=",
      "Ignored depth=: depth must be a whole number from 1 to 10. Showing the default instead.",
    ],
    [
      "depth=three",
      "Ignored depth=three: depth must be a whole number from 1 to 10. Showing the default instead.",
    ],
    [
      "depth=1e1",
      "Ignored depth=1e1: depth must be a whole number from 1 to 10. Showing the default instead.",
    ],
    [
      "layout=circle",
      "Ignored layout=circle: layout must be one of layered, force, concentric. Showing the default instead.",
    ],
    ["dup=hide", "Ignored dup=hide: dup must be show or collapse. Showing the default instead."],
    ["view=list", "Ignored view=list: view must be graph or table. Showing the default instead."],
    [
      "live=1",
      "Ignored live=1: live must be off or a whole number of seconds from 2 to 3600. Showing the default instead.",
    ],
    [
      "live=on",
      "Ignored live=on: live must be off or a whole number of seconds from 2 to 3600. Showing the default instead.",
    ],
    [
      "live=",
      "Ignored live=: live must be off or a whole number of seconds from 2 to 3600. Showing the default instead.",
    ],
    [
      "selected=a%00b",
      "Ignored selected=a\u0000b: selected must be an entity id of at most 200 printable characters. No entity is selected.",
    ],
  ])("falls back to the default for %s and says why", (query, notice) => {
    const { state, notices } = parse(query);
    expect(state).toEqual(DEFAULT_VIEW_STATE);
    expect(notices).toEqual([notice]);
  });

  it("reads live=off as never re-reading", () => {
    expect(parse("live=off")).toEqual({
      state: { ...DEFAULT_VIEW_STATE, live: null },
      notices: [],
    });
  });

  it("shortens a very long bad value in the notice", () => {
    const { notices } = parse(`layout=${"x".repeat(500)}`);
    expect(notices[0]).toBe(
      `Ignored layout=${"x".repeat(40)}…: layout must be one of layered, force, concentric. Showing the default instead.`,
    );
  });

  it("keeps other parameters when one is bad", () => {
    const { state, notices } = parse("depth=42&layout=force");
    expect(state.layout).toBe("force");
    expect(state.depth).toBe(3);
    expect(notices).toHaveLength(1);
  });

  describe("rel", () => {
    it("is null (every relationship) when absent", () => {
      expect(parse("depth=2").state.rel).toBeNull();
    });

    it("is empty (no relationship) when given explicitly empty", () => {
      expect(parse("rel=").state.rel).toEqual([]);
      expect(parse("rel=").notices).toEqual([]);
    });

    it("keeps types Datadog may add later", () => {
      expect(parse("rel=BLOCKS,MITIGATES").state.rel).toEqual(["BLOCKS", "MITIGATES"]);
    });

    it("removes duplicates and stray commas, keeping the order given", () => {
      expect(parse("rel=CAUSES,,BLOCKS,CAUSES,").state.rel).toEqual(["CAUSES", "BLOCKS"]);
    });

    it("drops tokens that cannot be a relationship, naming each and the types it keeps", () => {
      const { state, notices } = parse("rel=BLOCKS,blocks,DROP%20TABLE,CAUSES");
      expect(state.rel).toEqual(["BLOCKS", "CAUSES"]);
      expect(notices).toEqual([
        "Ignored rel=blocks,DROP TABLE: rel must list relationship types such as BLOCKS or CAUSES, in capitals. Showing BLOCKS, CAUSES only.",
      ]);
    });

    it("says it shows only the valid types it kept, not the default", () => {
      const { state, notices } = parse("rel=BLOCKS,foo");
      expect(state.rel).toEqual(["BLOCKS"]);
      expect(notices).toEqual([
        "Ignored rel=foo: rel must list relationship types such as BLOCKS or CAUSES, in capitals. Showing BLOCKS only.",
      ]);
    });

    it("shows every relationship, and says so, when none of the tokens is usable", () => {
      const { state, notices } = parse("rel=1,2");
      expect(state.rel).toBeNull();
      expect(notices).toEqual([
        "Ignored rel=1,2: rel must list relationship types such as BLOCKS or CAUSES, in capitals. Showing every relationship (the default) instead.",
      ]);
    });
  });
});

describe("serializeViewState", () => {
  it("writes nothing for the defaults", () => {
    expect(serializeViewState({ ...DEFAULT_VIEW_STATE }).toString()).toBe("");
  });

  it("writes parameters in one stable order, whatever order the state was built in", () => {
    const state: ViewState = {
      live: null,
      cap: 1000,
      view: "table",
      dup: "collapse",
      expand: ["x", "y"],
      selected: "abc",
      layout: "concentric",
      rel: ["DUPLICATES"],
      depth: 1,
    };
    expect(serializeViewState(state).toString()).toBe(
      "depth=1&rel=DUPLICATES&layout=concentric&selected=abc&expand=x%2Cy&dup=collapse&view=table&cap=1000&live=off",
    );
  });

  it("reads expand as a list of entity ids, once each, and names what it ignores", () => {
    const { state, notices } = parse(`expand=a,,b,a,${"x".repeat(201)}`);
    expect(state.expand).toEqual(["a", "b"]);
    expect(notices).toEqual([
      `Ignored expand=${"x".repeat(40)}…: expand must list entity ids of at most 200 printable characters.`,
    ]);
  });

  it("keeps an explicitly empty relationship list", () => {
    expect(serializeViewState({ ...DEFAULT_VIEW_STATE, rel: [] }).toString()).toBe("rel=");
  });
});

const relationshipToken = fc.oneof(
  fc.constantFrom(...RELATIONSHIPS),
  fc.stringMatching(/^[A-Z][A-Z_]{0,39}$/),
);

const viewState: fc.Arbitrary<ViewState> = fc.record({
  depth: fc.integer({ min: 1, max: 10 }),
  rel: fc.option(fc.uniqueArray(relationshipToken, { maxLength: 8 }), { nil: null }),
  layout: fc.constantFrom(...LAYOUT_NAMES),
  selected: fc.option(
    fc.string({ minLength: 1, maxLength: 200 }).filter((s) => !hasControlCharacter(s)),
    { nil: null },
  ),
  expand: fc.uniqueArray(
    fc
      .string({ minLength: 1, maxLength: 200 })
      .filter((s) => !hasControlCharacter(s) && !s.includes(",") && s.trim() === s),
    { maxLength: 5 },
  ),
  dup: fc.constantFrom("show" as const, "collapse" as const),
  view: fc.constantFrom("graph" as const, "table" as const),
  cap: fc.integer({ min: 50, max: 10_000 }),
  live: fc.option(fc.integer({ min: 2, max: 3600 }), { nil: null }),
});

describe("the URL round trip", () => {
  it("reads back every state it writes, without notices", () => {
    fc.assert(
      fc.property(viewState, (state) => {
        const query = serializeViewState(state).toString();
        expect(parseViewState(new URLSearchParams(query))).toEqual({ state, notices: [] });
      }),
    );
  });

  it("writes the same query for whatever it has read", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (depth, rel, layout) => {
        const params = new URLSearchParams({ depth, rel, layout });
        const once = serializeViewState(parseViewState(params).state);
        const twice = serializeViewState(parseViewState(once).state);
        expect(twice.toString()).toBe(once.toString());
      }),
    );
  });
});
