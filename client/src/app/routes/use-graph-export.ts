import { type RefObject, useCallback } from "react";
import type { CanvasApi } from "../../features/graph/canvas/canvas-types";
import { downloadFile } from "../../features/graph/export/download-file";
import { toDot } from "../../features/graph/export/to-dot";
import { toJson } from "../../features/graph/export/to-json";
import { toMermaid } from "../../features/graph/export/to-mermaid";
import type { ExportKind } from "../../features/graph/panels/toolbar";
import type { GraphSnapshot } from "../../lib/graph-types";
import type { ViewState } from "../../lib/url-state";

interface ExportInput {
  snapshot: GraphSnapshot;
  view: ViewState;
  canvas: RefObject<CanvasApi | null>;
  rootName: string;
}

/** Exports of the current view, named after the root so a postmortem folder stays readable. */
export function useGraphExport({ snapshot, view, canvas, rootName }: ExportInput) {
  return useCallback(
    async (kind: ExportKind) => {
      const base = `casegraph-${rootName.replace(/[^A-Za-z0-9_-]+/g, "-")}`;
      const exportView = { rel: view.rel };
      switch (kind) {
        case "png": {
          const png = await canvas.current?.exportPng();
          if (png) downloadFile(`${base}.png`, "image/png", png);
          return;
        }
        case "json":
          downloadFile(`${base}.json`, "application/json", toJson(snapshot, exportView));
          return;
        case "mermaid":
          downloadFile(`${base}.mmd`, "text/plain", toMermaid(snapshot, exportView));
          return;
        case "dot":
          downloadFile(`${base}.dot`, "text/vnd.graphviz", toDot(snapshot, exportView));
          return;
      }
    },
    [snapshot, view.rel, canvas, rootName],
  );
}
