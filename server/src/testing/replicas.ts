import { type SpawnedServer, spawnServer } from "./spawn-server";

export interface Replicas {
  urls: string[];
  servers: SpawnedServer[];
  /** The next replica's base URL, in turn: a round-robin load balancer. */
  next(): string;
  stop(): Promise<void>;
}

export interface ReplicaOptions {
  count: number;
  /** The Datadog (simulator) base URL and the keys it expects. */
  upstreamUrl: string;
  keys: { apiKey: string; appKey: string };
  /** Unset: the replicas share nothing. */
  redisUrl?: string;
  env?: NodeJS.ProcessEnv;
}

/** `count` real BFF processes, started as production starts them, against one upstream. */
export async function startReplicas(options: ReplicaOptions): Promise<Replicas> {
  const servers = Array.from({ length: options.count }, () =>
    spawnServer(
      {
        HOST: "127.0.0.1",
        DD_API_KEY: options.keys.apiKey,
        DD_APP_KEY: options.keys.appKey,
        DD_API_URL: options.upstreamUrl,
        // One loopback address sends every viewer's requests here.
        CASEGRAPH_CLIENT_RATE_LIMIT: "1000000",
        ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
        ...options.env,
      },
      { startScript: true },
    ),
  );
  const stop = async () => {
    await Promise.all(servers.map((s) => s.stop()));
  };
  let urls: string[];
  try {
    urls = await Promise.all(servers.map((s) => s.listening()));
  } catch (error) {
    await stop();
    throw error;
  }
  let turn = 0;
  return {
    urls,
    servers,
    next: () => urls[turn++ % urls.length] as string,
    stop,
  };
}

export interface ViewerLoad {
  /** Lines answered with data. */
  answered: number;
  /** Lines answered with an error, and requests that failed outright. */
  failed: string[];
}

/**
 * `viewers` people expanding the same entities at once: each asks for the links and labels of
 * every id, `chunk` per `POST /api/batch`, each batch sent to the replica `next()` names.
 */
export async function viewerLookups(
  next: () => string,
  ids: readonly string[],
  options: { viewers: number; chunk: number },
): Promise<ViewerLoad> {
  const load: ViewerLoad = { answered: 0, failed: [] };
  const viewer = async () => {
    for (let start = 0; start < ids.length; start += options.chunk) {
      const items = ids.slice(start, start + options.chunk).map((id) => ({ type: "CASE", id }));
      const base = next();
      try {
        const response = await fetch(`${base}/api/batch`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ links: items, entities: items }),
        });
        if (response.status !== 200) {
          load.failed.push(`${base}: HTTP ${response.status}`);
          continue;
        }
        for (const line of (await response.text()).split("\n")) {
          if (!line.trim()) continue;
          const item = JSON.parse(line) as { id: string; error?: { code: string } };
          if (item.error) load.failed.push(`${base}: ${item.id} ${item.error.code}`);
          else load.answered++;
        }
      } catch (error) {
        load.failed.push(`${base}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.viewers }, viewer));
  return load;
}
