export {
  DEFAULT_KNOBS,
  FAULTS,
  type Fault,
  type Knobs,
  type KnobsUpdate,
  type RateLimitKnob,
} from "./knobs";
export type { OAuthClient } from "./oauth-state";
export type { RequestLogEntry } from "./request-log";
export { demoCaseId, demoScenario } from "./scenarios/demo-scenario";
export * from "./scenarios/edge-case-scenario";
export {
  type GeneratedScenario,
  type GenerateOptions,
  generateScenario,
} from "./scenarios/generate-scenario";
export { hopDistances } from "./scenarios/hop-distances";
export type {
  Scenario,
  ScenarioRoot,
  SimCase,
  SimEntityRef,
  SimIncident,
  SimLink,
  SimUser,
} from "./scenarios/scenario";
export type { ApiKeys } from "./simulator-state";
export {
  type RunningSimulator,
  SIM_DEMO_OAUTH_CLIENT,
  type SimulatorOptions,
  startSimulator,
} from "./start-simulator";
