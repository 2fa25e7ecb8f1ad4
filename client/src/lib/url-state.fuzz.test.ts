import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isLayoutName } from "./layout-names";
import {
  DEFAULT_VIEW_STATE,
  hasControlCharacter,
  isRelationshipToken,
  MAX_CAP,
  MAX_DEPTH,
  MAX_LIVE_S,
  MAX_SELECTED_LENGTH,
  MIN_CAP,
  MIN_DEPTH,
  MIN_LIVE_S,
  parseViewState,
  serializeViewState,
  type ViewState,
} from "./url-state";

const NAMES = ["depth", "rel", "layout", "selected", "dup", "view", "cap", "live"];
const TRICKY = [
  "%2F",
  "%00",
  "%0D%0A",
  "%C0%AF",
  "%E0%A4%A",
  "%",
  "%%",
  "%zz",
  "+",
  "&",
  "=",
  "==",
  "../..",
  "%2e%2e%2f",
  "%EF%BF%BF",
  "%ED%A0%80",
  "1e1",
  "0x10",
  "-0",
  " 3",
  "３",
  "10000000",
  "Infinity",
  "NaN",
  "__proto__",
  "constructor",
  "BLOCKS,,CAUSES",
  ",",
  "blocks",
  "BLOCKS%00",
  "off",
  "OFF",
];

/** A query string as a person, a chat app or an attacker might paste it. */
const queryString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc
    .array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 8 })),
        fc.oneof(
          fc.constantFrom(...TRICKY),
          fc.string({ unit: "binary", maxLength: 40 }),
          fc.integer({ min: -100, max: 20_000 }).map(String),
          fc.string({ unit: "binary", maxLength: 30 }).map(encodeURIComponent),
          fc.nat({ max: 1000 }).map((n) => "A".repeat(n)),
        ),
        fc.boolean(),
      ),
      { maxLength: 10 },
    )
    .map((pairs) => pairs.map(([k, v, eq]) => (eq ? `${k}=${v}` : k)).join("&")),
);

function expectValid(state: ViewState): void {
  expect(Number.isInteger(state.depth)).toBe(true);
  expect(state.depth).toBeGreaterThanOrEqual(MIN_DEPTH);
  expect(state.depth).toBeLessThanOrEqual(MAX_DEPTH);
  expect(Number.isInteger(state.cap)).toBe(true);
  expect(state.cap).toBeGreaterThanOrEqual(MIN_CAP);
  expect(state.cap).toBeLessThanOrEqual(MAX_CAP);
  expect(isLayoutName(state.layout)).toBe(true);
  expect(["show", "collapse"]).toContain(state.dup);
  expect(["graph", "table"]).toContain(state.view);
  if (state.live !== null) {
    expect(Number.isInteger(state.live)).toBe(true);
    expect(state.live).toBeGreaterThanOrEqual(MIN_LIVE_S);
    expect(state.live).toBeLessThanOrEqual(MAX_LIVE_S);
  }
  if (state.rel !== null) {
    expect(new Set(state.rel).size).toBe(state.rel.length);
    for (const token of state.rel) expect(isRelationshipToken(token)).toBe(true);
  }
  if (state.selected !== null) {
    expect(state.selected.length).toBeGreaterThan(0);
    expect(state.selected.length).toBeLessThanOrEqual(MAX_SELECTED_LENGTH);
    expect(hasControlCharacter(state.selected)).toBe(false);
  }
  expect(Object.keys(state).sort()).toEqual(Object.keys(DEFAULT_VIEW_STATE).sort());
}

describe("parseViewState, property-based", () => {
  it("never throws and always yields a valid state, for any query string", () => {
    fc.assert(
      fc.property(queryString, (query) => {
        const { state, notices } = parseViewState(new URLSearchParams(query));
        expectValid(state);
        for (const notice of notices) {
          expect(typeof notice).toBe("string");
          // A notice quotes the bad value shortened, so a pasted novel stays readable.
          expect(notice.length).toBeLessThan(400);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("what it yields survives a round trip through the URL unchanged and without notices", () => {
    fc.assert(
      fc.property(queryString, (query) => {
        const { state } = parseViewState(new URLSearchParams(query));
        const again = parseViewState(new URLSearchParams(serializeViewState(state).toString()));
        expect(again.notices).toEqual([]);
        expect(again.state).toEqual(state);
      }),
      { numRuns: 1000 },
    );
  });

  it("a bad value for one parameter never disturbs a good value of another", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TRICKY), fc.integer({ min: 1, max: 10 }), (bad, depth) => {
        const { state } = parseViewState(
          new URLSearchParams(`depth=${depth}&layout=${bad}&cap=${bad}&view=table`),
        );
        expect(state.depth).toBe(depth);
        expect(state.view).toBe("table");
      }),
    );
  });
});
