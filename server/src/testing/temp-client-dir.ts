import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface TempClientDir {
  dir: string;
  remove(): void;
}

/**
 * A built client as far as a test needs one: a bare `index.html` (the shell the BFF fills in)
 * and `files` by their paths inside the directory, in a fresh temporary directory.
 */
export function tempClientDir(files: Record<string, string | Buffer> = {}): TempClientDir {
  const dir = mkdtempSync(path.join(tmpdir(), "casegraph-client-"));
  const all = { "index.html": "<!doctype html><title>casegraph</title>", ...files };
  for (const [name, content] of Object.entries(all)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
