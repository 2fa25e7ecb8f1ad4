import { fileURLToPath } from "node:url";

const at = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export const REPO_DIR = at("../../");
export const BENCH_DIR = at("../");
export const CLIENT_DIST = at("../../client/dist");
export const CLIENT_NODE_MODULES = at("../../client/node_modules");
export const SERVER_DIR = at("../../server");
export const RESULTS_DIR = at("../results");
export const RENDER_PAGE_DIR = at("../render-page");
export const RENDER_PAGE_DIST = at("../render-page/dist");
