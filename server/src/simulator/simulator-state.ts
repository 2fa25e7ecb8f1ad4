import type { ServerResponse } from "node:http";
import type { InFlightMeter } from "./in-flight-meter";
import type { Knobs } from "./knobs";
import type { OAuthState } from "./oauth-state";
import type { Random } from "./prng";
import type { RateLimitWindows } from "./rate-limit-windows";
import type { RequestLog } from "./request-log";
import type { ScenarioIndex } from "./scenario-index";

export interface ApiKeys {
  apiKey: string;
  appKey: string;
}

/** Everything the request handlers share; owned by one running simulator. */
export interface SimulatorState {
  index: ScenarioIndex;
  knobs: Knobs;
  /** What `POST /__sim/reset` goes back to: the knobs the simulator started with. */
  initialKnobs: Knobs;
  keys?: ApiKeys;
  oauth: OAuthState;
  log: RequestLog;
  /** Requests being answered now, and the most at once. */
  inFlight: InFlightMeter;
  windows: RateLimitWindows;
  random: Random;
  /** Delayed answers and hung requests, so close() can end them all. */
  timers: Set<NodeJS.Timeout>;
  hung: Set<ServerResponse>;
}
