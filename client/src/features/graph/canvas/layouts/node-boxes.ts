import type { ElementDefinition } from "cytoscape";
import { nodeSize, type Size } from "../node-size";

/** Each node's box (from the stylesheet's numbers) and the root, read from the definitions. */
export function nodeBoxes(elements: readonly ElementDefinition[]): {
  sizes: Map<string, Size>;
  root: string | undefined;
} {
  const sizes = new Map<string, Size>();
  let root: string | undefined;
  for (const d of elements) {
    const id = d.data.id;
    if (d.group === "edges" || d.data.source !== undefined || id === undefined) continue;
    sizes.set(id, nodeSize(d));
    const classes = d.classes ?? "";
    if ((Array.isArray(classes) ? classes : classes.split(" ")).includes("root")) root = id;
  }
  return { sizes, root };
}
