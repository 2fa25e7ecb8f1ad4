import { lazy, Suspense } from "react";
import type { GraphCanvasProps } from "./graph-canvas";

/**
 * The canvas (and cytoscape with it) in a chunk of its own, so the page's shell paints before
 * cytoscape has loaded; the server names that chunk in a modulepreload of the case page, so it
 * downloads alongside the shell rather than after it.
 */
const Canvas = lazy(() => import("./graph-canvas").then((m) => ({ default: m.GraphCanvas })));

export function LazyGraphCanvas(props: GraphCanvasProps) {
  return (
    <Suspense
      fallback={
        // biome-ignore lint/a11y/useSemanticElements: as the canvas it stands for (a drawing, not a form).
        <div
          role="group"
          aria-label="Case dependency graph"
          aria-busy="true"
          className="graph-canvas"
        />
      }
    >
      <Canvas {...props} />
    </Suspense>
  );
}
