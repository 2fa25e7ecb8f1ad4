import type { LayoutAnswer, LayoutJob } from "./layout-messages";
import { layoutWith } from "./library-layouts";

/** Runs one library `runs` times in this process, so a slow one can be stopped from outside. */
process.once("message", async (job: LayoutJob) => {
  let answer: LayoutAnswer;
  try {
    const times: number[] = [];
    let positions = new Map();
    for (let n = 0; n < job.runs; n++) {
      const started = performance.now();
      positions = await layoutWith(job.library, job.input);
      times.push(performance.now() - started);
    }
    answer = { type: "done", times, positions: [...positions] };
  } catch (error) {
    answer = { type: "error", message: error instanceof Error ? error.message : String(error) };
  }
  process.send?.(answer, () => process.exit(0));
});
