import type {
  LayeredInput,
  Point,
} from "../../client/src/features/graph/canvas/layouts/fast-layered";
import type { Library } from "./library-layouts";

/** IPC between the layout bench and the process that runs one library. */
export interface LayoutJob {
  library: Library;
  input: LayeredInput;
  runs: number;
}

export type LayoutAnswer =
  | { type: "done"; times: number[]; positions: [string, Point][] }
  | { type: "error"; message: string };
