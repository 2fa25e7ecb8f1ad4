import cytoscape, { type Core, type ElementDefinition } from "cytoscape";
import { GRAPH_STYLESHEET } from "./graph-styles";

export interface Size {
  w: number;
  h: number;
}

let probe: Core | null = null;
const sizes = new Map<string, Size>();

/**
 * The box a node definition will get on the canvas, read from the stylesheet by a headless
 * probe before the node exists (sizes depend on kind and classes only, so a few probes serve
 * any graph).
 */
export function nodeSize(definition: ElementDefinition): Size {
  const classes = Array.isArray(definition.classes)
    ? definition.classes.join(" ")
    : (definition.classes ?? "");
  const key = `${String(definition.data.kind ?? "")}|${String(definition.data.rank ?? "")}|${classes}`;
  const known = sizes.get(key);
  if (known) return known;
  probe ??= cytoscape({ headless: true, styleEnabled: true, style: GRAPH_STYLESHEET });
  const node = probe.add({ group: "nodes", data: { ...definition.data, id: "probe" }, classes });
  const size = { w: node.outerWidth(), h: node.outerHeight() };
  probe.remove(node);
  sizes.set(key, size);
  return size;
}
