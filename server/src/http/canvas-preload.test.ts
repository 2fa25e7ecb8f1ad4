import { afterEach, describe, expect, it } from "vitest";
import { type TempClientDir, tempClientDir } from "../testing/temp-client-dir";
import { CANVAS_MODULE, canvasPreloads } from "./canvas-preload";

const made: TempClientDir[] = [];

function clientDir(manifest?: object): string {
  const client = tempClientDir(manifest ? { ".vite/manifest.json": JSON.stringify(manifest) } : {});
  made.push(client);
  return client.dir;
}

afterEach(() => {
  for (const client of made.splice(0)) client.remove();
});

describe("canvasPreloads", () => {
  it("lists the canvas chunk and what it imports, but not what the entry already loads", () => {
    const dir = clientDir({
      "index.html": { file: "assets/index-1.js", isEntry: true, imports: ["_runtime.js"] },
      "_runtime.js": { file: "assets/runtime-1.js" },
      "_cytoscape.js": { file: "assets/cytoscape-1.js", imports: ["_runtime.js"] },
      [CANVAS_MODULE]: {
        file: "assets/graph-canvas-1.js",
        isDynamicEntry: true,
        imports: ["_runtime.js", "index.html", "_cytoscape.js"],
      },
      "elk.js": { file: "assets/elk-1.js", isDynamicEntry: true },
    });
    expect(canvasPreloads(dir).sort()).toEqual([
      "/assets/cytoscape-1.js",
      "/assets/graph-canvas-1.js",
    ]);
  });

  it("is empty without a manifest or without the canvas in it", () => {
    expect(canvasPreloads(clientDir())).toEqual([]);
    expect(
      canvasPreloads(clientDir({ "index.html": { file: "assets/index-1.js", isEntry: true } })),
    ).toEqual([]);
  });
});
