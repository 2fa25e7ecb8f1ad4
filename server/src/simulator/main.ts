import { parseSimEnv } from "./sim-env";
import { startSimulator } from "./start-simulator";

/** `pnpm sim`: the simulator on its own, for `DD_API_URL` to point at. */
const parsed = parseSimEnv(process.env);
if (!parsed.ok) {
  for (const problem of parsed.problems) console.error(problem);
  process.exit(1);
}

const simulator = await startSimulator(parsed.options);
const { scenario } = simulator;
console.log(`Datadog simulator (${scenario.name} scenario) listening on ${simulator.url}`);
console.log(`Point the BFF at it with DD_API_URL=${simulator.url} DD_API_KEY=any DD_APP_KEY=any`);
for (const root of scenario.roots) console.log(`  root ${root.key}  ${root.id}  ${root.title}`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} received, stopping the simulator.`);
  void simulator.close().then(() => process.exit(0));
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
