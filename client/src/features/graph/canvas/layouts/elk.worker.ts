import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkNode } from "elkjs/lib/elk-api";
import type { ElkRequest, ElkResponse } from "./elk-messages";

const elk = new ELK();

// elk.bundled.js installs its own message handler in a worker scope; ours replaces it on purpose.
self.onmessage = async (event: MessageEvent<ElkRequest>) => {
  const { id, graph } = event.data;
  let response: ElkResponse;
  try {
    const result: ElkNode = await elk.layout(graph);
    response = { id, graph: result };
  } catch (error) {
    response = { id, error: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(response);
};
