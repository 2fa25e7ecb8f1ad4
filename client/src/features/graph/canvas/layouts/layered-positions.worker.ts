import { layeredPositions } from "./fast-layered";
import { serveWorkerRequests } from "./worker-rpc";

serveWorkerRequests(layeredPositions);
