import type { CSSProperties } from "react";
import {
  ENTITY_KINDS,
  type EntityLook,
  NODE_MARKS,
  PRIORITY_STRIPES,
  STATUS_MARKS,
  type StatusMark,
} from "../../../lib/graph-vocabulary";
import "./node-key.css";

/** CSS stand-ins for the canvas node shapes. */
const SHAPE_CLASS: Readonly<Record<EntityLook["canvasShape"], string>> = {
  "round-rectangle": "node-key__box--round",
  "cut-rectangle": "node-key__box--cut",
  tag: "node-key__box--tag",
  ellipse: "node-key__box--ellipse",
  rectangle: "",
};

function Entry({
  box,
  children,
}: {
  box: CSSProperties & { className?: string };
  children: string;
}) {
  const { className, ...style } = box;
  return (
    <li className="node-key__entry">
      <span aria-hidden="true" className={`node-key__box ${className ?? ""}`} style={style} />
      <span>{children}</span>
    </li>
  );
}

function statusEntry(mark: StatusMark) {
  return (
    <Entry key={mark.word} box={{ background: mark.fill }}>
      {`${mark.glyph ? `${mark.glyph} ` : ""}${mark.word}`}
    </Entry>
  );
}

/** Explains what a node's fill, stripe, border, ring and shape mean, beside the edge legend. */
export function NodeKeyLegend() {
  const marks = Object.values(STATUS_MARKS);
  return (
    <section className="node-key" aria-labelledby="node-key-title">
      <h2 id="node-key-title" className="node-key__title">
        Nodes
      </h2>
      <h3 className="node-key__subtitle">Case status (fill)</h3>
      <ul className="node-key__list">{marks.filter((m) => m.of === "case").map(statusEntry)}</ul>
      <h3 className="node-key__subtitle">Incident status (fill)</h3>
      <ul className="node-key__list">{marks.filter((m) => m.of !== "case").map(statusEntry)}</ul>
      <h3 className="node-key__subtitle">Priority (left stripe)</h3>
      <ul className="node-key__list">
        {PRIORITY_STRIPES.map((stripe) => (
          <Entry
            key={stripe.rank}
            box={{
              boxShadow: `inset 0.35rem 0 0 ${stripe.color}`,
              background: STATUS_MARKS.unknown.fill,
            }}
          >
            {stripe.word}
          </Entry>
        ))}
      </ul>
      <h3 className="node-key__subtitle">State</h3>
      <ul className="node-key__list">
        <Entry box={{ border: `4px double ${NODE_MARKS.root}`, className: "node-key__box--root" }}>
          Root: the case the link is about (larger, bold)
        </Entry>
        <Entry box={{ outline: `3px solid ${NODE_MARKS.selection}`, outlineOffset: "1px" }}>
          Selected
        </Entry>
        <Entry box={{ border: `2.5px dashed ${NODE_MARKS.failed}` }}>
          {`${NODE_MARKS.failedGlyph} Lookup failed (select it to retry)`}
        </Entry>
        <Entry box={{ outline: `3px dotted ${NODE_MARKS.frontier}`, outlineOffset: "2px" }}>
          More links beyond the depth (Expand)
        </Entry>
        <Entry box={{}}>+N duplicates: a grouped duplicate cluster</Entry>
      </ul>
      <h3 className="node-key__subtitle">Type (shape)</h3>
      <ul className="node-key__list">
        {ENTITY_KINDS.map(({ kind, word, canvasShape }) => (
          <Entry key={kind} box={{ className: SHAPE_CLASS[canvasShape] }}>
            {word}
          </Entry>
        ))}
      </ul>
    </section>
  );
}
