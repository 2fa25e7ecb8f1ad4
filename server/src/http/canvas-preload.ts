import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** The client module loaded on demand that draws the graph (see lazy-graph-canvas.tsx). */
export const CANVAS_MODULE = "src/features/graph/canvas/graph-canvas.tsx";

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

/**
 * The scripts of the canvas chunk that the page's entry does not already load, as absolute
 * paths (`/assets/…`), read from the build's manifest: a case page lists them as modulepreloads
 * so they download alongside the shell. None when the build has no manifest.
 */
export function canvasPreloads(clientDir: string): string[] {
  const file = path.join(clientDir, ".vite", "manifest.json");
  if (!existsSync(file)) return [];
  const manifest = JSON.parse(readFileSync(file, "utf8")) as Record<string, ManifestChunk>;
  const reach = (start: string[]): Set<string> => {
    const seen = new Set<string>();
    const queue = [...start];
    for (let key = queue.pop(); key !== undefined; key = queue.pop()) {
      const chunk = manifest[key];
      if (seen.has(key) || !chunk) continue;
      seen.add(key);
      queue.push(...(chunk.imports ?? []));
    }
    return seen;
  };
  const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry);
  const loaded = reach(entries);
  return [...reach(manifest[CANVAS_MODULE] ? [CANVAS_MODULE] : [])]
    .filter((key) => !loaded.has(key))
    .map((key) => `/${manifest[key]?.file}`);
}
