import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { compression } from "vite-plugin-compression2";
import { defineConfig } from "vitest/config";

// Vitest 5's reporter calls Map.groupBy, which Node 20 lacks; without it a failing test
// crashes the report instead of printing it.
if (typeof Map.groupBy !== "function") {
  Object.defineProperty(Map, "groupBy", {
    value<K, T>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> {
      const groups = new Map<K, T[]>();
      let index = 0;
      for (const item of items) {
        const k = key(item, index++);
        const group = groups.get(k);
        if (group) group.push(item);
        else groups.set(k, [item]);
      }
      return groups;
    },
  });
}

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const bff = process.env.CASEGRAPH_BFF_URL ?? "http://127.0.0.1:8080";

// `pnpm test:scale` sets this: several BFF processes and a redis-server, too heavy for every run.
const scale = process.env.CASEGRAPH_SCALE_TESTS === "1";

export default defineConfig({
  root: "client",
  // Assets compressed once here (brotli and gzip beside each file), so the server sends bytes
  // from disk instead of compressing every page load on the thread that answers lookups.
  plugins: [react(), compression({ include: /\.(js|css|svg)$/, threshold: 1024 })],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    // dist/.vite/manifest.json: the server reads it to modulepreload the canvas chunk.
    manifest: true,
  },
  // Module workers, so a worker's own dynamic imports stay chunks of their own: the layout
  // worker loads fcose only when the force view asks for it.
  worker: { format: "es" },
  server: {
    host: "127.0.0.1",
    // ws: the lookup socket at /api/lookups.
    proxy: { "/api": { target: bff, ws: true }, "/healthz": bff, "/readyz": bff },
  },
  test: {
    // CI collects a JSON report beside the console output (see .ci/run).
    ...(process.env.CASEGRAPH_TEST_REPORTS
      ? {
          reporters: ["default", "json"],
          outputFile: {
            json: `${process.env.CASEGRAPH_TEST_REPORTS}/${scale ? "vitest-scale" : "vitest"}.json`,
          },
        }
      : {}),
    projects: [
      {
        extends: false,
        test: {
          name: "server",
          root: here("./server"),
          include: ["src/**/*.test.ts"],
          exclude: ["src/**/*.scale.test.ts"],
          environment: "node",
          // Generous: several tests start real server processes, and the Datadog client alone takes
          // seconds to load on a busy two-core machine. A bound, not a speed check.
          testTimeout: 60_000,
        },
      },
      ...(scale
        ? [
            {
              extends: false,
              test: {
                name: "scale",
                root: here("./server"),
                include: ["src/**/*.scale.test.ts"],
                environment: "node",
                testTimeout: 180_000,
                hookTimeout: 180_000,
                // One file at a time: each starts several server processes on two cores.
                fileParallelism: false,
              },
            },
          ]
        : []),
      {
        test: {
          name: "client",
          root: here("./client"),
          include: ["src/**/*.test.{ts,tsx}"],
          environment: "jsdom",
          setupFiles: ["./src/test/setup.ts"],
        },
      },
    ],
  },
});
