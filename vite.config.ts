import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

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
        test: {
          name: "server",
          root: "./server",
          include: ["src/**/*.test.ts"],
          environment: "node",
          testTimeout: 20_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: "client",
          root: "./client",
          include: ["src/**/*.test.{ts,tsx}"],
          environment: "jsdom",
          setupFiles: ["./src/test/setup.ts"],
        },
      },
    ],
  },
});
