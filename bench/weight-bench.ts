import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { gzipSync } from "node:zlib";
import { canvasPreloads } from "../server/src/http/canvas-preload";
import type { BenchOptions } from "./bench-options";
import { type Row, row } from "./report";
import { CLIENT_DIST, RENDER_PAGE_DIST } from "./support/paths";
import { buildRenderPages } from "./support/render-page-build";

const KB = 1024;

/** What a browser fetches before the page can run: module scripts and their modulepreloads. */
function initialScripts(distDir: string, htmlFile: string): string[] {
  const html = readFileSync(join(distDir, htmlFile), "utf8");
  const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"/g)].map((m) => m[1]);
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map(
    (m) => m[1],
  );
  return [...new Set([...scripts, ...preloads])]
    .filter((src): src is string => src !== undefined)
    .map((src) => join(distDir, src.replace(/^\.?\//, "")));
}

/** gzip at zlib's default level, as the BFF's compression middleware sends it. */
const gzipKb = (file: string) => gzipSync(readFileSync(file)).length / KB;
const sumKb = (files: string[]) => files.reduce((total, file) => total + gzipKb(file), 0);

/**
 * The production build's JavaScript against React + react-dom + cytoscape alone: what every
 * page loads first (the shell, without cytoscape), and what a case page loads before it can draw
 * (the shell and the canvas chunk its HTML modulepreloads).
 */
export async function weightBench(_options: BenchOptions): Promise<Row[]> {
  await buildRenderPages();
  const initial = initialScripts(CLIENT_DIST, "index.html");
  const canvas = canvasPreloads(CLIENT_DIST).map((href) => join(CLIENT_DIST, href.slice(1)));
  const floor = initialScripts(RENDER_PAGE_DIST, "floor.html");
  const floorKb = sumKb(floor);
  const assets = join(CLIENT_DIST, "assets");
  const casePage = [...initial, ...canvas];
  const casePageNames = new Set(casePage.map((f) => basename(f)));
  const lazy = readdirSync(assets)
    .filter((name) => name.endsWith(".js") && !casePageNames.has(name))
    .map((name) => join(assets, name));
  // The force view's fcose (and its worker) load only when that view is chosen.
  const layoutUpFront = casePage.filter((file) => /elk|fcose|core-positions/i.test(basename(file)));
  const names = (files: string[]) => files.map((f) => basename(f)).join(", ");
  return [
    row({
      section: "weight",
      figure: "Initial JS of client/dist, the shell (gzip)",
      value: sumKb(initial),
      unit: "KB",
      reference: { kind: "baseline", value: floorKb, label: "react+react-dom+cytoscape" },
      note: `${names(initial)}; cytoscape and the canvas are not in it`,
    }),
    row({
      section: "weight",
      figure: "JS of a case page before it draws: shell + modulepreloaded canvas (gzip)",
      value: sumKb(casePage),
      unit: "KB",
      reference: { kind: "baseline", value: floorKb, label: "react+react-dom+cytoscape" },
      note: `${names(canvas)} preloaded beside the shell; loaded on demand: ${sumKb(lazy).toFixed(0)} KB gzip in ${lazy.length} file(s)`,
    }),
    row({
      section: "weight",
      figure: "Layout libraries (ELK, fcose) in a case page's initial load (gzip)",
      value: sumKb(layoutUpFront),
      unit: "KB",
      holds: layoutUpFront.length === 0,
    }),
  ];
}
