import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkNode } from "elkjs/lib/elk-api";
import { serveWorkerRequests } from "./worker-rpc";

const elk = new ELK();

// elk.bundled.js installs its own message handler in a worker scope; ours replaces it on purpose.
serveWorkerRequests((graph: ElkNode) => elk.layout(graph));
