import type { ElementDefinition } from "cytoscape";
import { NODE_LABEL_FONT_PX } from "../../../lib/graph-vocabulary";
import { BORDER_PX, NODE_BOX, ROOT_BOX, SMALL_BOX, SMALL_KINDS } from "./graph-styles";

export interface Size {
  w: number;
  h: number;
}

function hasClass(definition: ElementDefinition, name: string): boolean {
  const classes = definition.classes;
  if (!classes) return false;
  return (Array.isArray(classes) ? classes : classes.split(" ")).includes(name);
}

/**
 * The box a node definition will get on the canvas (cytoscape's outerWidth/outerHeight: the
 * box plus its border, which is centred on the edge), from the stylesheet's own numbers. Boxes
 * have fixed sizes (labels wrap inside them), so no style engine or text measurement is needed:
 * this runs for every node of a big graph before anything is drawn.
 */
export function nodeSize(definition: ElementDefinition): Size {
  const root = hasClass(definition, "root");
  const box = root
    ? ROOT_BOX
    : SMALL_KINDS.includes(String(definition.data.kind ?? ""))
      ? SMALL_BOX
      : NODE_BOX;
  const border = root
    ? BORDER_PX.root
    : hasClass(definition, "failed")
      ? BORDER_PX.failed
      : BORDER_PX.node;
  return { w: box.width + border, h: box.height + border };
}

/** The label's font size in px (one size for every node), for the readable zoom. */
export function nodeFontPx(_definition: ElementDefinition): number {
  return NODE_LABEL_FONT_PX;
}
