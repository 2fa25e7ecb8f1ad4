import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CLIENT_DIST, REPO_DIR } from "./paths";

/**
 * The benchmarks measure the production build. It is built when missing (or when asked with
 * --build); an existing build is used as is, so run `pnpm build` after changing the client.
 */
export function ensureClientBuild(rebuild: boolean): void {
  if (!rebuild && existsSync(join(CLIENT_DIST, "index.html"))) return;
  process.stdout.write("Building the client (pnpm build)…\n");
  const result = spawnSync("pnpm", ["--dir", REPO_DIR, "build"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("`pnpm build` failed; the benchmarks need client/dist.");
}
