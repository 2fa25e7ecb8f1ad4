/** Renderers that draw WebGL on the CPU: there cytoscape's WebGL mode is slower than canvas. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/**
 * Past this many elements cytoscape's WebGL mode may pay for itself, on a real GPU. Not measured
 * here (this machine has software GL only): the figure follows cytoscape's own advice that WebGL
 * helps graphs of thousands of elements, and below it the canvas draws labels more crisply.
 */
export const WEBGL_MIN_ELEMENTS = 4_000;

type MakeCanvas = () => Pick<HTMLCanvasElement, "getContext">;

const defaultCanvas: MakeCanvas = () => document.createElement("canvas");

/**
 * Whether the browser has a hardware webgl2 context: one can be created and its unmasked
 * renderer (WEBGL_debug_renderer_info) names no software rasteriser. Unknown counts as no, so
 * WebGL is never required and never chosen on a guess.
 */
export function detectHardwareWebgl2(makeCanvas: MakeCanvas = defaultCanvas): boolean {
  try {
    const gl = makeCanvas().getContext("webgl2") as WebGL2RenderingContext | null;
    if (!gl) return false;
    const info = gl.getExtension("WEBGL_debug_renderer_info");
    const renderer: unknown = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : null;
    gl.getExtension("WEBGL_lose_context")?.loseContext();
    return typeof renderer === "string" && renderer !== "" && !SOFTWARE_RENDERER.test(renderer);
  } catch {
    return false;
  }
}

let detected: boolean | undefined;

/** detectHardwareWebgl2 for this page, asked once (a context costs a little to create). */
export function hasHardwareWebgl2(): boolean {
  detected ??= typeof document !== "undefined" && detectHardwareWebgl2();
  return detected;
}

/** The diagnostic waits for an idle moment after it is asked, at most this long. */
const IDLE_WAIT_MS = 5_000;
/** Where the browser cannot say when it is idle: a second, clear of a first picture's work. */
const NO_IDLE_CALLBACK_WAIT_MS = 1_000;

/**
 * hasHardwareWebgl2, asked when the page is idle (creating a webgl2 context takes ~10 ms on
 * software GL, so it stays out of the first picture's task). Returns the cancel.
 */
export function hardwareWebgl2WhenIdle(report: (hardware: boolean) => void): () => void {
  const task = () => report(hasHardwareWebgl2());
  if (typeof requestIdleCallback === "function") {
    const handle = requestIdleCallback(task, { timeout: IDLE_WAIT_MS });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(task, NO_IDLE_CALLBACK_WAIT_MS);
  return () => clearTimeout(timer);
}
