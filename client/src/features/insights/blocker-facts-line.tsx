import type { GraphNode } from "../../lib/graph-types";
import { blockerFacts, factsLine } from "./checklist/blocker-facts";

/** Who has an open blocker, where it stands and for how long, under its name in Insights. */
export function BlockerFactsLine({ node, now }: { node: GraphNode | undefined; now: number }) {
  return <span className="insights-blocker-facts">{factsLine(blockerFacts(node, now))}</span>;
}
