import type { ElkNode } from "elkjs/lib/elk-api";

/** What the page and the ELK worker say to each other. */
export interface ElkRequest {
  id: number;
  graph: ElkNode;
}

export type ElkResponse = { id: number; graph: ElkNode } | { id: number; error: string };
