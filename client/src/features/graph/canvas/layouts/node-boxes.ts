import type { ElementDefinition } from "cytoscape";
import { nodeSize, type Size } from "../node-size";

export function isEdge(d: ElementDefinition): boolean {
  return d.group === "edges" || d.data.source !== undefined;
}

export function hasClass(d: ElementDefinition, name: string): boolean {
  const classes = d.classes ?? "";
  return (Array.isArray(classes) ? classes : classes.split(" ")).includes(name);
}

/** Each node's box (from the stylesheet's numbers) and the root, read from the definitions. */
export function nodeBoxes(elements: readonly ElementDefinition[]): {
  sizes: Map<string, Size>;
  root: string | undefined;
} {
  const sizes = new Map<string, Size>();
  let root: string | undefined;
  for (const d of elements) {
    const id = d.data.id;
    if (isEdge(d) || id === undefined) continue;
    sizes.set(id, nodeSize(d));
    if (hasClass(d, "root")) root = id;
  }
  return { sizes, root };
}
