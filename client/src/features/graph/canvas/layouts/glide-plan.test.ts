import { describe, expect, it } from "vitest";
import { planGlide, waypoint } from "./glide-plan";

const box = { w: 100, h: 40 };

describe("planGlide", () => {
  it("glides straight when nothing crosses on the way", () => {
    expect(
      planGlide([
        { from: { x: 0, y: 0 }, to: { x: 0, y: 100 }, ...box },
        { from: { x: 300, y: 0 }, to: { x: 300, y: 100 }, ...box },
      ]),
    ).toBe("straight");
  });

  it("takes the rows first when two boxes would pass through each other in a row", () => {
    // Straight, they meet halfway 15 px apart; rows first, one has gone down 30 px by then.
    const plan = planGlide([
      { from: { x: 0, y: 0 }, to: { x: 200, y: 30 }, ...box },
      { from: { x: 200, y: 0 }, to: { x: 0, y: 0 }, ...box },
    ]);
    expect(plan).toBe("rows-first");
  });

  it("jumps when every way piles them up", () => {
    expect(
      planGlide([
        { from: { x: 0, y: 0 }, to: { x: 200, y: 0 }, ...box },
        { from: { x: 200, y: 0 }, to: { x: 0, y: 0 }, ...box },
      ]),
    ).toBe("jump");
  });

  it("names the waypoint of a two-leg glide", () => {
    const node = { from: { x: 1, y: 2 }, to: { x: 3, y: 4 }, ...box };
    expect(waypoint(node, "rows-first")).toEqual({ x: 1, y: 4 });
    expect(waypoint(node, "columns-first")).toEqual({ x: 3, y: 2 });
    expect(waypoint(node, "straight")).toBeNull();
  });
});
