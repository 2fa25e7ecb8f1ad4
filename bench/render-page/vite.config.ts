import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const clientModule = (name: string) => here(`../../client/node_modules/${name}`);

/**
 * Bench pages only, never part of the product's build: the real canvas code from client/src
 * on one page, bare cytoscape on another, and the libraries alone on a third. bench/ has no
 * React or cytoscape of its own, so they resolve to the client's copies (one copy each).
 */
export default defineConfig({
  root: here("."),
  base: "./",
  logLevel: "warn",
  plugins: [react()],
  resolve: {
    alias: {
      react: clientModule("react"),
      "react-dom": clientModule("react-dom"),
      cytoscape: clientModule("cytoscape"),
    },
  },
  build: {
    outDir: here("./dist"),
    emptyOutDir: true,
    // Same minifier and targets as the product's build, so the floor is comparable.
    rollupOptions: {
      input: {
        canvas: here("./canvas.html"),
        raw: here("./raw.html"),
        floor: here("./floor.html"),
      },
    },
  },
});
