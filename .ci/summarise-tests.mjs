// Adds up the Vitest and Playwright JSON reports into the one closing line CI reads.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const dir = process.argv[2];
let passed = 0;
let failed = 0;
const read = (name) => {
  const file = path.join(dir, name);
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined;
};

const vitest = read("vitest.json");
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  // A test file that fails to load has no failed tests, only a failed suite: count it too.
  const brokenFiles = (vitest.testResults ?? []).filter(
    (file) =>
      file.status === "failed" && (file.assertionResults ?? []).every((t) => t.status !== "failed"),
  ).length;
  failed += (vitest.numFailedTests ?? 0) + brokenFiles;
} else {
  console.log("no Vitest report: the unit and integration tests did not run");
  failed += 1;
}

// `pnpm test:scale` (replicas sharing through Redis) writes its own report.
const scale = read("vitest-scale.json");
if (scale) {
  passed += scale.numPassedTests ?? 0;
  failed += (scale.numFailedTests ?? 0) + (scale.numFailedTestSuites ?? 0);
} else {
  console.log("no scale-out report: pnpm test:scale did not run");
  failed += 1;
}

const playwright = read("playwright.json");
if (playwright) {
  passed += playwright.stats?.expected ?? 0;
  failed += (playwright.stats?.unexpected ?? 0) + (playwright.stats?.flaky ?? 0);
} else {
  console.log("no Playwright report: the end-to-end tests did not run");
  failed += 1;
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
