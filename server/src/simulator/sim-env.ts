import { demoScenario } from "./scenarios/demo-scenario";
import { edgeCaseScenario } from "./scenarios/edge-case-scenario";
import { generateScenario } from "./scenarios/generate-scenario";
import type { Scenario } from "./scenarios/scenario";
import type { SimulatorOptions } from "./start-simulator";

export type SimEnvResult =
  | { ok: true; options: SimulatorOptions }
  | { ok: false; problems: string[] };

const GENERATED = /^generated:(\d+):(\d+):(\d+)$/;

/** Reads the standalone simulator's SIM_* variables; every wrong value gets its own sentence. */
export function parseSimEnv(env: Record<string, string | undefined>): SimEnvResult {
  const problems: string[] = [];
  const number = (name: string, check: (value: number) => boolean, rule: string) => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === "") return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value) || !check(value)) {
      problems.push(`${name} must be ${rule}, got "${raw}".`);
      return undefined;
    }
    return value;
  };

  const port =
    number(
      "SIM_PORT",
      (v) => Number.isInteger(v) && v >= 0 && v <= 65_535,
      "an integer from 0 to 65535",
    ) ?? 8181;
  const latencyMs = number(
    "SIM_LATENCY_MS",
    (v) => Number.isInteger(v) && v >= 0 && v <= 600_000,
    "an integer number of milliseconds from 0 to 600000",
  );
  const jitterMs = number(
    "SIM_JITTER_MS",
    (v) => Number.isInteger(v) && v >= 0 && v <= 600_000,
    "an integer number of milliseconds from 0 to 600000",
  );
  const errorRate = number("SIM_ERROR_RATE", (v) => v >= 0 && v <= 1, "a fraction from 0 to 1");
  const host = env.SIM_HOST?.trim() || "127.0.0.1";
  const scenario = scenarioFromName(env.SIM_SCENARIO?.trim() || "demo", problems);

  if (problems.length > 0 || scenario === undefined) return { ok: false, problems };
  return {
    ok: true,
    options: {
      port,
      host,
      scenario,
      knobs: {
        ...(latencyMs === undefined ? {} : { latencyMs }),
        ...(jitterMs === undefined ? {} : { jitterMs }),
        ...(errorRate === undefined ? {} : { errorRate }),
      },
    },
  };
}

function scenarioFromName(name: string, problems: string[]): Scenario | undefined {
  if (name === "demo") return demoScenario;
  if (name === "edge-cases") return edgeCaseScenario();
  const match = GENERATED.exec(name);
  if (match === null) {
    problems.push(
      `SIM_SCENARIO must be "demo", "edge-cases" or "generated:<entities>:<depth>:<seed>", got "${name}".`,
    );
    return undefined;
  }
  try {
    return generateScenario({
      entities: Number(match[1]),
      depth: Number(match[2]),
      seed: Number(match[3]),
    }).scenario;
  } catch (error) {
    problems.push(`SIM_SCENARIO "${name}" cannot be generated: ${(error as Error).message}`);
    return undefined;
  }
}
