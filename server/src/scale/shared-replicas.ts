import { afterAll, beforeAll } from "vitest";
import { type RunningSimulator, startSimulator } from "../simulator";
import type { Scenario } from "../simulator/scenarios/scenario";
import { eventually, type RedisServer, startRedisServer } from "../testing/redis-server";
import { type Replicas, startReplicas } from "../testing/replicas";
import { TEST_KEYS } from "../testing/start-bff";

export interface SharedReplicas {
  redis: RedisServer;
  sim: RunningSimulator;
  replicas: Replicas;
}

export interface Readiness {
  http: number;
  status: string;
  redis?: string;
  degraded?: string;
}

/** Every replica's `GET /readyz`. */
export function readinessOf(replicas: Replicas): Promise<Readiness[]> {
  return Promise.all(
    replicas.urls.map(async (url) => {
      const response = await fetch(`${url}/readyz`);
      return { http: response.status, ...((await response.json()) as Omit<Readiness, "http">) };
    }),
  );
}

/**
 * For a test file: `count` real BFF processes (started like production) against one simulator
 * and one Redis, sharing once the file's tests start; all stopped at its end.
 */
export function useSharedReplicas(options: {
  count: number;
  scenario: Scenario;
  /** Each upstream answer takes this long, so that lookups from many viewers really overlap. */
  latencyMs: number;
  env?: NodeJS.ProcessEnv;
}): SharedReplicas {
  const stack = {} as SharedReplicas;
  beforeAll(async () => {
    stack.redis = await startRedisServer();
    stack.sim = await startSimulator({
      scenario: options.scenario,
      keys: TEST_KEYS,
      knobs: { latencyMs: options.latencyMs },
    });
    stack.replicas = await startReplicas({
      count: options.count,
      upstreamUrl: stack.sim.url,
      keys: TEST_KEYS,
      redisUrl: stack.redis.url,
      env: {
        // On a machine this loaded (two cores, several test runs) a busy event loop can hold a
        // reply past the default 250 ms, which would count as a slow Redis and skip sharing.
        CASEGRAPH_REDIS_TIMEOUT_MS: "2000",
        ...options.env,
      },
    });
    await eventually(
      async () => (await readinessOf(stack.replicas)).every((r) => r.redis === "ok"),
      "every replica shares",
    );
  });
  afterAll(async () => {
    await stack.replicas?.stop();
    await stack.sim?.close();
    await stack.redis?.stop();
  });
  return stack;
}
