import type { Core, EventObject } from "cytoscape";
import { useEffect, useReducer, useRef, useState } from "react";
import type { NodeKey } from "../../../lib/graph-types";
import { KEYBOARD_VIEW_JUMP } from "./keyboard-navigation";

interface NodeTooltipProps {
  core: Core | null;
  /** Shown while the drawing has keyboard focus, so arrow-key users read full titles too. */
  selected: NodeKey | null;
}

/** Room the tooltip needs above a node before it goes below it instead. */
const ABOVE_MIN_PX = 48;

/**
 * The full name, status and title of the hovered node (or, with keyboard focus on the drawing,
 * the selected one): node labels cut titles after two lines.
 */
export function NodeTooltip({ core, selected }: NodeTooltipProps) {
  const [hovered, setHovered] = useState<NodeKey | null>(null);
  const [focused, setFocused] = useState(false);
  // The selection whose tooltip stepped aside when a key zoomed or fitted the view; it shows
  // again once the selection moves on (an arrow key) or the drawing is focused anew.
  const [asideFor, setAsideFor] = useState<NodeKey | null>(null);
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const [, moved] = useReducer((n: number) => n + 1, 0);
  if (asideFor !== null && asideFor !== selected) setAsideFor(null);

  useEffect(() => {
    if (!core || core.destroyed()) return;
    const over = (event: EventObject) => setHovered(event.target.id());
    const out = () => setHovered(null);
    core.on("mouseover", "node", over);
    core.on("mouseout", "node", out);
    core.on("viewport position", moved);
    // After a keyboard zoom or fit the tooltip would cover other nodes at the new scale.
    const stepAside = () => {
      setHovered(null);
      setAsideFor(selectedRef.current);
    };
    core.on(KEYBOARD_VIEW_JUMP, stepAside);
    const surface = core.container()?.closest<HTMLElement>("[tabindex]") ?? null;
    const focusIn = () => {
      setFocused(true);
      setAsideFor(null);
    };
    const focusOut = () => setFocused(false);
    surface?.addEventListener("focus", focusIn);
    surface?.addEventListener("blur", focusOut);
    if (surface && surface === document.activeElement) setFocused(true);
    return () => {
      surface?.removeEventListener("focus", focusIn);
      surface?.removeEventListener("blur", focusOut);
      if (core.destroyed()) return;
      core.off("mouseover", "node", over);
      core.off("mouseout", "node", out);
      core.off("viewport position", moved);
      core.off(KEYBOARD_VIEW_JUMP, stepAside);
    };
  }, [core]);

  const key = hovered ?? (focused && selected !== asideFor ? selected : null);
  const node = key && core && !core.destroyed() ? core.getElementById(key) : null;
  if (!node || node.empty() || !node.data("title")) return null;
  const box = node.renderedBoundingBox({ includeLabels: false, includeOverlays: false });
  const above = box.y1 >= ABOVE_MIN_PX;
  return (
    <div
      role="tooltip"
      className={`graph-canvas__tooltip graph-canvas__tooltip--${above ? "above" : "below"}`}
      style={{ left: (box.x1 + box.x2) / 2, top: above ? box.y1 - 6 : box.y2 + 6 }}
    >
      {String(node.data("title"))}
    </div>
  );
}
