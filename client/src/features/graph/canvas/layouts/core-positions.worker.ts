import { corePositions } from "./core-positions";
import { serveWorkerRequests } from "./worker-rpc";

serveWorkerRequests(corePositions);
