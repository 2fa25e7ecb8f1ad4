import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

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
    proxy: { "/api": bff, "/healthz": bff, "/readyz": bff },
  },
  test: {
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
