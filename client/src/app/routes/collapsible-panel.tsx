import type { ReactNode } from "react";
import { useId } from "react";
import { useStoredFlag } from "../../lib/use-stored-flag";
import "./collapsible-panel.css";

interface CollapsiblePanelProps {
  /** What the panel is called on its button: "legend", "Insights". */
  name: string;
  /** Which side of the canvas: the button's arrow points the way the panel folds. */
  side: "left" | "right";
  /**
   * Below this window width the panel starts folded until the person opens it: on a small
   * laptop the canvas needs the room more than a key that is one click away.
   */
  foldedBelowPx?: number;
  children: ReactNode;
}

function openAtFirstVisit(foldedBelowPx: number | undefined): boolean {
  return foldedBelowPx === undefined || window.innerWidth >= foldedBelowPx;
}

/** A side panel a person can fold away to give the canvas room; this browser remembers it. */
export function CollapsiblePanel({ name, side, foldedBelowPx, children }: CollapsiblePanelProps) {
  const [open, setOpen] = useStoredFlag(
    `casegraph:panel:${name.toLowerCase()}`,
    openAtFirstVisit(foldedBelowPx),
  );
  const id = useId();
  const arrow = open === (side === "left") ? "«" : "»";
  return (
    <div className={`collapsible collapsible--${side} collapsible--${open ? "open" : "closed"}`}>
      <button
        type="button"
        className="collapsible__toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">{arrow}</span>{" "}
        <span className="collapsible__label">{`${open ? "Hide" : "Show"} ${name}`}</span>
      </button>
      <div id={id} className="collapsible__body" hidden={!open}>
        {children}
      </div>
    </div>
  );
}
