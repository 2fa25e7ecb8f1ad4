import type { IncomingMessage, ServerResponse } from "node:http";
import { applyKnobsUpdate, parseKnobsUpdate } from "./knobs";
import { jsonReply, writeReply } from "./reply";
import { addLink, changeCase, type EditResult, removeLink } from "./scenario-edits";
import { ScenarioIndex } from "./scenario-index";
import type { SimulatorState } from "./simulator-state";

export const ADMIN_PREFIX = "/__sim/";

const MAX_BODY_BYTES = 64 * 1024;

/** Test controls; never key-checked and never written to the request log. */
export async function handleAdminRequest(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  state: SimulatorState,
): Promise<void> {
  const route = `${req.method ?? "GET"} ${url.pathname}`;
  const edit = await handleScenarioEdit(req, url, state);
  if (edit) return writeReply(res, edit);
  switch (route) {
    case "GET /__sim/requests":
      return writeReply(res, jsonReply(200, { requests: state.log.entries() }));
    case "DELETE /__sim/requests":
      state.log.clear();
      return writeReply(res, jsonReply(200, { requests: [] }));
    case "GET /__sim/stats":
      return writeReply(res, jsonReply(200, state.inFlight.report()));
    case "DELETE /__sim/stats":
      state.inFlight.resetMax();
      return writeReply(res, jsonReply(200, state.inFlight.report()));
    case "GET /__sim/knobs":
      return writeReply(res, jsonReply(200, state.knobs));
    case "PATCH /__sim/knobs": {
      const body = await readJson(req);
      if (!body.ok) return writeReply(res, jsonReply(400, { error: body.message }));
      const parsed = parseKnobsUpdate(body.value);
      if (!parsed.ok) return writeReply(res, jsonReply(400, { error: parsed.message }));
      setKnobs(state, parsed.update);
      return writeReply(res, jsonReply(200, state.knobs));
    }
    case "POST /__sim/oauth/expire-access-tokens":
      return writeReply(res, jsonReply(200, { expired: state.oauth.expireAccessTokens() }));
    case "POST /__sim/reset":
      resetSimulator(state);
      return writeReply(res, jsonReply(200, state.knobs));
    default:
      return writeReply(res, jsonReply(404, { error: `No simulator admin endpoint ${route}.` }));
  }
}

export function setKnobs(
  state: SimulatorState,
  update: Parameters<typeof applyKnobsUpdate>[1],
): void {
  state.knobs = applyKnobsUpdate(state.knobs, update);
  // A changed limit starts fresh windows so tests count from zero.
  if ("rateLimit" in update) state.windows.clear();
}

/** Link and case edits: the data changes under an open page, as Datadog's would. */
async function handleScenarioEdit(req: IncomingMessage, url: URL, state: SimulatorState) {
  const method = req.method ?? "GET";
  const path = url.pathname;
  const tail = (prefix: string) => decodeURIComponent(path.slice(prefix.length));
  let result: EditResult<unknown> | undefined;
  if (method === "POST" && path === "/__sim/links") {
    const body = await readJson(req);
    if (!body.ok) return jsonReply(400, { error: body.message });
    result = addLink(state.index, body.value);
    if (result.ok) return jsonReply(201, { link: result.value });
  } else if (method === "DELETE" && path.startsWith("/__sim/links/")) {
    result = removeLink(state.index, tail("/__sim/links/"));
  } else if (method === "PATCH" && path.startsWith("/__sim/cases/")) {
    const body = await readJson(req);
    if (!body.ok) return jsonReply(400, { error: body.message });
    result = changeCase(state.index, tail("/__sim/cases/"), body.value);
  }
  if (!result) return undefined;
  return result.ok
    ? jsonReply(200, result.value)
    : jsonReply(result.status, { error: result.message });
}

export function resetSimulator(state: SimulatorState): void {
  // Edited links and cases go back to the scenario as it was loaded.
  state.index = new ScenarioIndex(state.index.scenario);
  state.knobs = applyKnobsUpdate(state.initialKnobs, {});
  state.windows.clear();
  state.log.clear();
  state.inFlight.resetMax();
}

type BodyResult = { ok: true; value: unknown } | { ok: false; message: string };

async function readJson(req: IncomingMessage): Promise<BodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return { ok: false, message: "Body is larger than 64 KiB." };
    chunks.push(buffer);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString("utf8")) };
  } catch {
    return { ok: false, message: 'Body must be a JSON object, e.g. {"latencyMs":50}.' };
  }
}
