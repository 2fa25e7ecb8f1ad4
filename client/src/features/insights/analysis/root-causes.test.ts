import { describe, expect, it } from "vitest";
import { findRootCauses } from "./root-causes";
import { snapshotOf } from "./test-snapshot";

describe("findRootCauses", () => {
  it("walks CAUSES up from the root and names the causes nothing causes", () => {
    const causes = findRootCauses(
      snapshotOf({
        root: "R",
        links: [
          ["A", "CAUSES", "R"],
          ["B", "CAUSES", "A"],
          ["C", "CAUSES", "R"],
          ["R", "CAUSES", "Z"],
          ["X", "BLOCKS", "B"],
        ],
      }),
    );
    expect(causes.ancestors).toEqual(["A", "C", "B"]);
    expect(causes.origins).toEqual(["C", "B"]);
  });

  it("counts closed causes too: a resolved cause is still the cause", () => {
    const causes = findRootCauses(
      snapshotOf({ root: "R", links: [["I", "CAUSES", "R"]], status: { I: "resolved" } }),
    );
    expect(causes.origins).toEqual(["I"]);
  });

  it("names every member of a cause cycle nothing outside causes", () => {
    const causes = findRootCauses(
      snapshotOf({
        root: "R",
        links: [
          ["A", "CAUSES", "R"],
          ["B", "CAUSES", "A"],
          ["A", "CAUSES", "B"],
        ],
      }),
    );
    expect(causes.ancestors).toEqual(["A", "B"]);
    expect(causes.origins).toEqual(["A", "B"]);
  });

  it("is empty when nothing causes the root", () => {
    expect(findRootCauses(snapshotOf({ root: "R", links: [["R", "CAUSES", "A"]] }))).toEqual({
      ancestors: [],
      origins: [],
    });
  });
});
