import { z } from "zod";
import { demoScenario } from "./scenarios/demo-scenario";
import { edgeCaseScenario } from "./scenarios/edge-case-scenario";
import { generateScenario } from "./scenarios/generate-scenario";
import type { Scenario } from "./scenarios/scenario";
import type { SimulatorOptions } from "./start-simulator";

export type SimEnvResult =
  | { ok: true; options: SimulatorOptions }
  | { ok: false; problems: string[] };

const GENERATED = /^generated:(\d+):(\d+):(\d+)$/;

/** A SIM_* number: blank means unset; anything else must satisfy the rule. */
const number = (name: string, check: (value: number) => boolean, rule: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === "") return undefined;
      const value = Number(raw);
      if (!Number.isFinite(value) || !check(value)) {
        ctx.addIssue({ code: "custom", message: `${name} must be ${rule}, got "${raw}".` });
        return z.NEVER;
      }
      return value;
    });

const isMs = (v: number) => Number.isInteger(v) && v >= 0 && v <= 600_000;
const MS_RULE = "an integer number of milliseconds from 0 to 600000";

const simEnvSchema = z.object({
  SIM_PORT: number(
    "SIM_PORT",
    (v) => Number.isInteger(v) && v >= 0 && v <= 65_535,
    "an integer from 0 to 65535",
  ),
  SIM_LATENCY_MS: number("SIM_LATENCY_MS", isMs, MS_RULE),
  SIM_JITTER_MS: number("SIM_JITTER_MS", isMs, MS_RULE),
  SIM_ERROR_RATE: number("SIM_ERROR_RATE", (v) => v >= 0 && v <= 1, "a fraction from 0 to 1"),
  SIM_HOST: z.string().optional(),
  SIM_SCENARIO: z.string().optional(),
});

/** Reads the standalone simulator's SIM_* variables; every wrong value gets its own sentence. */
export function parseSimEnv(env: Record<string, string | undefined>): SimEnvResult {
  const parsed = simEnvSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
  const scenario = scenarioFromName(env.SIM_SCENARIO?.trim() || "demo", problems);
  if (!parsed.success || scenario === undefined) return { ok: false, problems };

  const { SIM_PORT, SIM_LATENCY_MS, SIM_JITTER_MS, SIM_ERROR_RATE } = parsed.data;
  return {
    ok: true,
    options: {
      port: SIM_PORT ?? 8181,
      host: parsed.data.SIM_HOST?.trim() || "127.0.0.1",
      scenario,
      knobs: {
        ...(SIM_LATENCY_MS === undefined ? {} : { latencyMs: SIM_LATENCY_MS }),
        ...(SIM_JITTER_MS === undefined ? {} : { jitterMs: SIM_JITTER_MS }),
        ...(SIM_ERROR_RATE === undefined ? {} : { errorRate: SIM_ERROR_RATE }),
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
