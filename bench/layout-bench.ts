import { spawn } from "node:child_process";
import { join } from "node:path";
import type { LayeredInput, Point } from "../client/src/features/graph/canvas/layouts/fast-layered";
import { FORCE_MAX_NODES } from "../client/src/features/graph/canvas/layouts/run-layout";
import type { BenchOptions } from "./bench-options";
import { countCrossings } from "./layouts/crossings";
import type { LayoutAnswer, LayoutJob } from "./layouts/layout-messages";
import type { Library } from "./layouts/library-layouts";
import { type Row, row } from "./report";
import { tsxLoader } from "./support/child-server";
import { BENCH_DIR } from "./support/paths";
import { fullSnapshot, type GraphSize, generate, LARGE, MEDIUM } from "./support/scenarios";
import { median } from "./support/stats";

const SMALL_LAYOUT: GraphSize = { name: "300/10", entities: 300, depth: 10, seed: 300 };
/** The canvas's node box (`graph-styles.ts`): every layout gets the same sizes. */
const NODE_BOX = { width: 150, height: 58 };
/** A library that needs longer than this for one layout is stopped and its row says so. */
const LIBRARY_BUDGET_MS = 60_000;

const NAMES: Record<Library, string> = {
  "fast-layered": "fast layered",
  elk: "ELK layered",
  dagre: "dagre",
  force: "force view (fcose)",
};

function layoutInput(size: GraphSize): LayeredInput {
  const snapshot = fullSnapshot(generate(size));
  return {
    nodes: snapshot.nodes.map((node) => ({ id: node.key, ...NODE_BOX })),
    edges: snapshot.edges.map(({ source, target, relationship }) => ({
      source,
      target,
      relationship,
    })),
    roots: [snapshot.rootKey],
  };
}

interface Measured {
  times: number[];
  positions: Map<string, Point>;
}

/** One library in its own process, so one that runs for minutes can be stopped. */
function measureInProcess(job: LayoutJob, budgetMs: number): Promise<Measured | "timeout"> {
  const child = spawn(
    process.execPath,
    ["--import", tsxLoader, join(BENCH_DIR, "layouts", "layout-process.ts")],
    { stdio: ["ignore", "inherit", "inherit", "ipc"] },
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve("timeout");
    }, budgetMs);
    child.once("message", (answer: LayoutAnswer) => {
      clearTimeout(timer);
      if (answer.type === "error") reject(new Error(`${job.library}: ${answer.message}`));
      else resolve({ times: answer.times, positions: new Map(answer.positions) });
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${job.library} layout process exited with ${code}`));
    });
    child.send(job);
  });
}

function pictureSize(input: LayeredInput, positions: Map<string, Point>): string {
  const xs = [...positions.values()].map((p) => p.x);
  const ys = [...positions.values()].map((p) => p.y);
  const width = Math.max(...xs) - Math.min(...xs) + NODE_BOX.width;
  const height = Math.max(...ys) - Math.min(...ys) + NODE_BOX.height;
  const missing = input.nodes.length - positions.size;
  return `${Math.round(width).toLocaleString("en-US")} × ${Math.round(height).toLocaleString("en-US")} px${missing ? `, ${missing} nodes not placed` : ""}`;
}

/**
 * The layered layout against ELK (as the canvas configured it) and dagre on the same generated
 * graphs and box sizes, and the force view as the canvas computes it: time (median) and
 * crossings, both as ratios against the fast layout.
 */
export async function layoutBench(options: BenchOptions): Promise<Row[]> {
  const sizes = options.quick ? [SMALL_LAYOUT, MEDIUM] : [SMALL_LAYOUT, MEDIUM, LARGE];
  const rows: Row[] = [];
  /** Why a library is no longer run: it was too slow at a smaller size. */
  const retired = new Map<Library, string>();
  for (const size of sizes) {
    const input = layoutInput(size);
    const n = input.nodes.length.toLocaleString("en-US");
    const ownRuns = options.quick ? 5 : 11;
    // Warm-up runs first: the JIT, not the algorithm, dominates the first call.
    const own = await measureInProcess(
      { library: "fast-layered", input, runs: ownRuns + 3 },
      LIBRARY_BUDGET_MS,
    );
    if (own === "timeout") throw new Error(`fast layered took over a minute at ${n} nodes`);
    const ownMs = median(own.times.slice(3));
    const ownCrossings = countCrossings(input.edges, own.positions);
    rows.push(
      row({
        section: "layout",
        figure: `Layout ${n} nodes: fast layered (median)`,
        value: ownMs,
        unit: "ms",
        note: `${ownRuns} runs after 3 warm-ups, ${input.edges.length} links; ${ownCrossings.toLocaleString("en-US")} crossings; picture ${pictureSize(input, own.positions)}`,
      }),
      row({
        section: "layout",
        figure: `Crossings ${n} nodes: fast layered`,
        value: ownCrossings,
        unit: "crossings",
      }),
    );
    for (const library of ["elk", "dagre", "force"] as const) {
      const name = NAMES[library];
      const reason =
        retired.get(library) ??
        (library === "force" && input.nodes.length > FORCE_MAX_NODES
          ? `past ${FORCE_MAX_NODES.toLocaleString("en-US")} nodes the force view is rings by hop alone`
          : undefined);
      const runs = size === LARGE ? 1 : 3;
      const measured = reason
        ? null
        : await measureInProcess({ library, input, runs }, LIBRARY_BUDGET_MS * runs);
      if (!measured || measured === "timeout") {
        const why = reason ?? `stopped after ${LIBRARY_BUDGET_MS / 1000} s per run`;
        retired.set(library, reason ?? `it took over ${LIBRARY_BUDGET_MS / 1000} s at ${n} nodes`);
        rows.push(
          row({
            section: "layout",
            figure: `Layout ${n} nodes: ${name} vs fast layered`,
            value: null,
            unit: "ms",
            note: `skipped: ${why}`,
          }),
        );
        continue;
      }
      const ms = median(measured.times);
      const crossings = countCrossings(input.edges, measured.positions);
      rows.push(
        row({
          section: "layout",
          figure: `Layout ${n} nodes: ${name} vs fast layered`,
          value: ms,
          unit: "ms",
          reference: { kind: "baseline", value: ownMs, label: "fast" },
          note: `${runs === 1 ? "one run" : `median of ${runs}: ${measured.times.map((t) => Math.round(t)).join(", ")} ms`}; picture ${pictureSize(input, measured.positions)}`,
        }),
        row({
          section: "layout",
          figure: `Crossings ${n} nodes: ${name} vs fast layered`,
          value: crossings,
          unit: "crossings",
          reference: { kind: "baseline", value: ownCrossings, label: "fast" },
        }),
      );
      // Even linear growth from here would pass the budget at the next size: do not wait for it.
      // The median, so that one run slowed by a noisy neighbour does not retire a library.
      const next = sizes[sizes.indexOf(size) + 1];
      if (next && ms * (next.entities / size.entities) > LIBRARY_BUDGET_MS) {
        retired.set(
          library,
          `${Math.round(ms / 1000)} s at ${n} nodes, so over ${LIBRARY_BUDGET_MS / 1000} s at ${next.entities.toLocaleString("en-US")}`,
        );
      }
    }
  }
  return rows;
}
