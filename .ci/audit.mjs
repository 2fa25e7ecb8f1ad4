// Fails on high or critical advisories that have a fixed version. When the advisory service
// cannot be reached (some registries and mirrors do not serve it), says so and does not fail:
// an unreachable service is not a finding.
import { spawnSync } from "node:child_process";

const run = spawnSync("pnpm", ["audit", "--json", "--audit-level", "high"], { encoding: "utf8" });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  const reason =
    `${run.stderr ?? ""}${run.stdout ?? ""}`.split("\n").find((l) => l.trim()) ?? "no answer";
  console.log(`dependency audit skipped: the advisory service did not answer (${reason.trim()})`);
  process.exit(0);
}
if (report.error) {
  console.log(
    `dependency audit skipped: ${report.error.summary ?? report.error.code ?? "the advisory service failed"}`,
  );
  process.exit(0);
}
const advisories = Object.values(report.advisories ?? {});
const fixable = advisories.filter(
  (a) =>
    ["high", "critical"].includes(a.severity) &&
    a.patched_versions &&
    a.patched_versions !== "<0.0.0",
);
for (const a of fixable) {
  console.log(
    `${a.severity}: ${a.module_name} ${a.vulnerable_versions} (fixed in ${a.patched_versions}): ${a.title}`,
  );
}
console.log(
  `dependency audit: ${advisories.length} advisories, ${fixable.length} high or critical with a fix`,
);
process.exit(fixable.length > 0 ? 1 : 0);
