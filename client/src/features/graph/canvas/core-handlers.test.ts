import cytoscape from "cytoscape";
import { afterEach, describe, expect, it, vi } from "vitest";
import { attachCoreHandlers, type CoreHandlerDeps } from "./core-handlers";
import type { LayoutSession } from "./layout-session";

const cores: cytoscape.Core[] = [];

afterEach(() => {
  for (const cy of cores.splice(0)) cy.destroy();
  vi.useRealTimers();
});

function setUp() {
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    elements: [
      { data: { id: "a" } },
      { data: { id: "b" } },
      { data: { id: "c" } },
      { data: { id: "ab", source: "a", target: "b" } },
    ],
  });
  cores.push(cy);
  const session = { follow: true, drawnOnce: true, planned: new Map() } as unknown as LayoutSession;
  const deps: CoreHandlerDeps = {
    select: vi.fn(),
    hovered: { current: null },
    elements: () => cy.elements().map((element) => ({ data: { ...element.data() } })),
    keepClasses: [],
    viewport: () => null,
    recountOffScreen: vi.fn(),
    sessionFor: () => session,
    fittedAll: () => false,
    openingFocus: () => new Set(),
  };
  return { cy, deps, session, detach: attachCoreHandlers(cy, deps) };
}

describe("attachCoreHandlers", () => {
  it("selects a tapped node, and nothing on a tap of the background", () => {
    const { cy, deps } = setUp();
    cy.getElementById("b").emit("tap");
    expect(deps.select).toHaveBeenLastCalledWith("b");
    cy.emit("tap");
    expect(deps.select).toHaveBeenLastCalledWith(null);
    expect(deps.select).toHaveBeenCalledTimes(2);
  });

  it("highlights a hovered node's neighbourhood and fades the rest until the pointer leaves", () => {
    const { cy, deps } = setUp();
    cy.getElementById("a").emit("mouseover");
    expect(deps.hovered.current).toBe("a");
    expect(cy.getElementById("b").hasClass("highlighted")).toBe(true);
    expect(cy.getElementById("c").hasClass("faded")).toBe(true);
    cy.getElementById("a").emit("mouseout");
    expect(deps.hovered.current).toBeNull();
    expect(cy.elements(".faded, .highlighted")).toHaveLength(0);
  });

  it("stops following the layouts once the person moves the view", () => {
    const { cy, session } = setUp();
    cy.emit("dragpan");
    expect(session.follow).toBe(false);
  });

  it("counts what is off screen once the nodes stop moving, not once per node", async () => {
    vi.useFakeTimers();
    const { cy, deps } = setUp();
    for (const node of cy.nodes().toArray()) node.position({ x: 500, y: 500 });
    await vi.advanceTimersByTimeAsync(150);
    expect(deps.recountOffScreen).toHaveBeenCalledTimes(1);
  });

  it("removes every handler it attached", () => {
    const { cy, deps, session, detach } = setUp();
    detach();
    cy.getElementById("b").emit("tap");
    cy.emit("dragpan");
    cy.getElementById("a").emit("mouseover");
    expect(deps.select).not.toHaveBeenCalled();
    expect(session.follow).toBe(true);
    expect(deps.hovered.current).toBeNull();
  });
});
