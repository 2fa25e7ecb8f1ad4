import { describe, expect, it, vi } from "vitest";
import { detectHardwareWebgl2, hardwareWebgl2WhenIdle } from "./webgl-support";

const DEBUG_INFO = { UNMASKED_RENDERER_WEBGL: 0x9246 };

/** A canvas whose webgl2 context reports `renderer` (null: no webgl2 at all). */
function fakeCanvas(renderer: string | null, options: { debugInfo?: boolean } = {}) {
  let lost = false;
  const gl = {
    getExtension(name: string) {
      if (name === "WEBGL_debug_renderer_info")
        return options.debugInfo === false ? null : DEBUG_INFO;
      if (name === "WEBGL_lose_context") return { loseContext: () => (lost = true) };
      return null;
    },
    getParameter(parameter: number) {
      return parameter === DEBUG_INFO.UNMASKED_RENDERER_WEBGL ? renderer : "WebKit WebGL";
    },
  };
  return {
    make: () =>
      ({
        getContext: (kind: string) => (kind === "webgl2" && renderer !== null ? gl : null),
      }) as unknown as HTMLCanvasElement,
    lost: () => lost,
  };
}

describe("detectHardwareWebgl2", () => {
  it("is on for a GPU's webgl2 context, and lets the probe context go", () => {
    const canvas = fakeCanvas("ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0)");
    expect(detectHardwareWebgl2(canvas.make)).toBe(true);
    expect(canvas.lost()).toBe(true);
    expect(detectHardwareWebgl2(fakeCanvas("Apple M2").make)).toBe(true);
  });

  it.each([
    "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)",
    "Google SwiftShader",
    "llvmpipe (LLVM 15.0.6, 256 bits)",
    "softpipe",
    "Microsoft Basic Render Driver",
    "Software Rasterizer",
  ])("is off for the software renderer %s", (renderer) => {
    expect(detectHardwareWebgl2(fakeCanvas(renderer).make)).toBe(false);
  });

  it("is off without webgl2, without the renderer's name, or when asking throws", () => {
    expect(detectHardwareWebgl2(fakeCanvas(null).make)).toBe(false);
    expect(detectHardwareWebgl2(fakeCanvas("Apple M2", { debugInfo: false }).make)).toBe(false);
    expect(
      detectHardwareWebgl2(() => ({
        getContext: () => {
          throw new Error("blocked");
        },
      })),
    ).toBe(false);
  });
});

describe("hardwareWebgl2WhenIdle", () => {
  it("reports later, not in the task that asks, and not at all once cancelled", () => {
    vi.useFakeTimers();
    try {
      const reported: boolean[] = [];
      hardwareWebgl2WhenIdle((hardware) => reported.push(hardware));
      const cancel = hardwareWebgl2WhenIdle((hardware) => reported.push(hardware));
      cancel();
      expect(reported).toEqual([]);
      vi.advanceTimersByTime(5_000);
      // jsdom has no webgl2: no hardware, reported once, by the request not cancelled.
      expect(reported).toEqual([false]);
    } finally {
      vi.useRealTimers();
    }
  });
});
