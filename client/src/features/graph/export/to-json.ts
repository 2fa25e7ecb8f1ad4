import type { GraphSnapshot } from "../../../lib/graph-types";
import { type ExportView, viewGraph } from "./export-view";

/**
 * The JSON export, version 1. Entities and links are references of the form `TYPE:id`
 * (`CASE:9daa…`): `root`, and each link's `parent` and `child`, name an entity by its `type`
 * and `id`. Unknown values are `null`, never missing. Entities are sorted nearest the root
 * first, then by reference; links by parent, relationship, child and id.
 */
export interface JsonExport {
  root: string;
  /** ISO 8601, UTC. */
  generated_at: string;
  /** The graph was still loading, partly failed or cut off when exported. */
  incomplete: boolean;
  /** The relationship filter of the view; `null` = all relationships. */
  relationships: string[] | null;
  entities: JsonEntity[];
  links: JsonLink[];
}

export interface JsonEntity {
  type: string;
  id: string;
  key: string | null;
  title: string | null;
  status: string | null;
  priority: string | null;
  /** Fewest link hops from the root. */
  hop: number;
}

export interface JsonLink {
  id: string;
  parent: string;
  child: string;
  relationship: string;
}

export interface JsonExportOptions {
  /** When the export is made; defaults to now. */
  now?: Date;
}

export function toJsonDocument(
  snapshot: GraphSnapshot,
  view: ExportView,
  options: JsonExportOptions = {},
): JsonExport {
  const graph = viewGraph(snapshot, view);
  return {
    root: graph.root,
    generated_at: (options.now ?? new Date()).toISOString(),
    incomplete: snapshot.incomplete,
    relationships: view.rel === null ? null : [...view.rel],
    entities: graph.nodes.map((node) => ({
      type: node.type,
      id: node.id,
      key: node.label?.key ?? null,
      title: node.label?.title ?? null,
      status: node.label?.status ?? null,
      priority: node.label?.priority ?? null,
      hop: node.hop,
    })),
    links: graph.edges.map((edge) => ({
      id: edge.id,
      parent: edge.source,
      child: edge.target,
      relationship: edge.relationship,
    })),
  };
}

/** The JSON export as text, two-space indented, ending with a newline. */
export function toJson(
  snapshot: GraphSnapshot,
  view: ExportView,
  options: JsonExportOptions = {},
): string {
  return `${JSON.stringify(toJsonDocument(snapshot, view, options), null, 2)}\n`;
}
