import { describe, expect, it } from "vitest";
import { demoScenario } from "./scenarios/demo-scenario";
import { parseSimEnv } from "./sim-env";

describe("parseSimEnv", () => {
  it("defaults to the demo scenario on 127.0.0.1:8181 with no added latency", () => {
    const result = parseSimEnv({});
    expect(result).toEqual({
      ok: true,
      options: { port: 8181, host: "127.0.0.1", scenario: demoScenario, knobs: {} },
    });
  });

  it("reads every variable", () => {
    const result = parseSimEnv({
      SIM_PORT: "9000",
      SIM_HOST: "0.0.0.0",
      SIM_LATENCY_MS: "80",
      SIM_JITTER_MS: "20",
      SIM_ERROR_RATE: "0.05",
      SIM_SCENARIO: "generated:200:4:9",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.options).toMatchObject({
      port: 9000,
      host: "0.0.0.0",
      knobs: { latencyMs: 80, jitterMs: 20, errorRate: 0.05 },
    });
    expect(result.options.scenario?.name).toBe("generated:200:4:9");
    expect(result.options.scenario?.cases.length).toBeGreaterThan(150);
  });

  it("refuses each wrong value with a sentence naming the variable", () => {
    const result = parseSimEnv({
      SIM_PORT: "eighty",
      SIM_LATENCY_MS: "-3",
      SIM_JITTER_MS: "1.5",
      SIM_ERROR_RATE: "2",
      SIM_SCENARIO: "huge",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(5);
    for (const name of [
      "SIM_PORT",
      "SIM_LATENCY_MS",
      "SIM_JITTER_MS",
      "SIM_ERROR_RATE",
      "SIM_SCENARIO",
    ]) {
      expect(result.problems.some((problem) => problem.startsWith(name))).toBe(true);
    }
  });

  it("explains a generated scenario that cannot be built", () => {
    const result = parseSimEnv({ SIM_SCENARIO: "generated:2:9:1" });
    expect(result).toEqual({
      ok: false,
      problems: [expect.stringMatching(/^SIM_SCENARIO "generated:2:9:1" cannot be generated/)],
    });
  });
});
