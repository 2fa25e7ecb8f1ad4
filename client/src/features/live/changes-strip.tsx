import { useEffect, useId, useState } from "react";
import { clockTime, clockTimeWithSeconds } from "../../lib/clock-time";
import type { NodeKey } from "../../lib/graph-types";
import { useMediaQuery } from "../../lib/use-media-query";
import type { ChangeItem } from "./model/change-summary";
import type { Reading } from "./use-live-changes";
import "./live.css";

export interface ChangesStripProps {
  /** Seconds between re-reads; null when live updates are off. */
  live: number | null;
  readings: readonly Reading[];
  since: number;
  onSinceChange(index: number): void;
  summary: readonly ChangeItem[];
  updatedAt: number | null;
  /** The oldest answer the server kept after Datadog failed to answer, if any. */
  staleAsOf: string | null;
  nameOf(key: NodeKey): string;
  onSelect(key: NodeKey): void;
}

/** "Since you opened this": what changed, how fresh it is, and whether Datadog answers. */
export function ChangesStrip(props: ChangesStripProps) {
  const { readings, since, summary, nameOf, onSelect } = props;
  const sinceId = useId();
  const opened = readings[0];
  // On a small laptop the row must stay one line: the select's own options say "since when".
  const narrow = useMediaQuery("(max-width: 1199px)");
  return (
    <section className="live-strip" aria-label="Changes">
      <div className="live-strip__since">
        <label htmlFor={sinceId} className={narrow ? "visually-hidden" : undefined}>
          Changes since
        </label>
        <select
          id={sinceId}
          value={since}
          disabled={readings.length < 2}
          onChange={(event) => props.onSinceChange(Number(event.target.value))}
        >
          {readings.map((reading, index) => (
            <option key={reading.at} value={index}>
              {index === 0
                ? `you opened this (${opened ? clockTime(opened.at) : ""})`
                : clockTimeWithSeconds(reading.at)}
            </option>
          ))}
        </select>
      </div>
      <ul className="live-strip__items" aria-label="What changed">
        {summary.length === 0 ? (
          <li className="live-strip__none">{opened ? "No changes." : "Reading the graph…"}</li>
        ) : (
          summary.map((item) => (
            <li key={item.id} className="live-strip__item">
              {item.parts.map((part, i) =>
                typeof part === "string" ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one item never reorder.
                  <span key={i}>{part}</span>
                ) : part.gone !== undefined ? (
                  // Not in the graph any more, so nothing to select.
                  // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one item never reorder.
                  <span key={i} className="live-strip__gone">
                    {part.gone}
                  </span>
                ) : (
                  <button
                    // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one item never reorder.
                    key={i}
                    type="button"
                    className="live-strip__entity"
                    onClick={() => onSelect(part.key)}
                  >
                    {nameOf(part.key)}
                  </button>
                ),
              )}
            </li>
          ))
        )}
      </ul>
      <Freshness live={props.live} updatedAt={props.updatedAt} staleAsOf={props.staleAsOf} />
    </section>
  );
}

function Freshness({
  live,
  updatedAt,
  staleAsOf,
}: Pick<ChangesStripProps, "live" | "updatedAt" | "staleAsOf">) {
  // Its own clock, so the seconds tick here without re-rendering the graph.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (staleAsOf !== null) {
    return (
      <p className="live-strip__freshness live-strip__freshness--stale" role="status">
        As of {clockTime(staleAsOf)}, Datadog not answering
      </p>
    );
  }
  return (
    <p className="live-strip__freshness">
      {updatedAt === null ? "Not updated yet" : `Updated ${ago(now - updatedAt)}`}
      {live === null ? " · live updates off" : ` · live, every ${live} s`}
    </p>
  );
}

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ago` : `${Math.floor(m / 60)} h ${m % 60} min ago`;
}
