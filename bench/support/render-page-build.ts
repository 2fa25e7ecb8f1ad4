import { join } from "node:path";
import { build } from "vite";
import { RENDER_PAGE_DIR } from "./paths";

let built: Promise<void> | undefined;

/** Builds the bench pages once per run (a couple of seconds); render and weight both use them. */
export function buildRenderPages(): Promise<void> {
  built ??= build({ configFile: join(RENDER_PAGE_DIR, "vite.config.ts"), logLevel: "error" }).then(
    () => undefined,
  );
  return built;
}
