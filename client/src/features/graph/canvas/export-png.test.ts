import type { Core } from "cytoscape";
import { expect, it, vi } from "vitest";
import { exportPng } from "./export-png";

it("exports the full graph at 2x on white as a Blob", async () => {
  const blob = new Blob(["png"], { type: "image/png" });
  const png = vi.fn().mockResolvedValue(blob);
  await expect(exportPng({ png } as unknown as Core)).resolves.toBe(blob);
  expect(png).toHaveBeenCalledWith(
    expect.objectContaining({ output: "blob-promise", full: true, scale: 2, bg: "#ffffff" }),
  );
});
