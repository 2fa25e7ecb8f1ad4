import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
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

export default defineConfig({
  root: "client",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
  },
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
          outputFile: { json: `${process.env.CASEGRAPH_TEST_REPORTS}/vitest.json` },
        }
      : {}),
    projects: [
      {
        extends: false,
        test: {
          name: "server",
          root: here("./server"),
          include: ["src/**/*.test.ts"],
          environment: "node",
          testTimeout: 20_000,
        },
      },
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
