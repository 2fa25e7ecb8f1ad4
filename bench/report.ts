import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** How a figure compares with its reference: the ratio must stay at or below / above `ratio`. */
export interface Target {
  op: "<=" | ">=";
  ratio: number;
}

export interface Row {
  section: string;
  figure: string;
  /** Null when the figure could not be measured (see `note`). */
  value: number | null;
  unit: string;
  /** A limit (what physics or the issue allows) or a baseline measured in the same run. */
  reference: { kind: "limit" | "baseline"; value: number; label: string } | null;
  ratio: number | null;
  target: Target | null;
  /** Null when there is no target or no value. */
  holds: boolean | null;
  note?: string;
}

export interface RowInput {
  section: string;
  figure: string;
  value: number | null;
  unit: string;
  reference?: Row["reference"];
  target?: Target;
  /** For yes/no figures without a ratio (e.g. "no layout code in the initial load"). */
  holds?: boolean;
  note?: string;
}

export function row(input: RowInput): Row {
  const reference = input.reference ?? null;
  const ratio =
    input.value !== null && reference && reference.value > 0 ? input.value / reference.value : null;
  const target = input.target ?? null;
  const holds =
    input.holds !== undefined
      ? input.holds
      : ratio === null || target === null
        ? null
        : target.op === "<="
          ? ratio <= target.ratio
          : ratio >= target.ratio;
  return {
    section: input.section,
    figure: input.figure,
    value: input.value,
    unit: input.unit,
    reference,
    ratio,
    target,
    holds,
    ...(input.note ? { note: input.note } : {}),
  };
}

function formatNumber(value: number, unit: string): string {
  // Unitless figures are ratios themselves (calls per entity): always two decimals.
  const digits = unit === "" ? 2 : Math.abs(value) >= 100 || Number.isInteger(value) ? 0 : 1;
  const text = value.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return unit ? `${text} ${unit}` : text;
}

function cells(r: Row): string[] {
  return [
    r.figure,
    r.value === null ? "n/a" : formatNumber(r.value, r.unit),
    r.reference ? `${r.reference.label} ${formatNumber(r.reference.value, r.unit)}` : "",
    r.ratio === null ? "" : r.ratio.toFixed(2),
    r.target ? `${r.target.op === "<=" ? "≤" : "≥"} ${r.target.ratio.toFixed(2)}` : "",
    r.holds === null ? "" : r.holds ? "yes" : "NO",
  ];
}

const HEADER = ["figure", "value", "limit / baseline", "ratio", "target", "holds?"];

/** A Markdown table: readable in a terminal and pasteable into the README as is. */
export function formatTable(rows: readonly Row[]): string {
  const body = rows.map(cells);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...body.map((c) => (c[i] ?? "").length)));
  const line = (c: readonly string[]) =>
    `| ${c.map((text, i) => text.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  const notes = rows
    .filter((r) => r.note)
    .map((r) => `- ${r.figure}: ${r.note}`)
    .join("\n");
  return [
    line(HEADER),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...body.map(line),
    ...(notes ? ["", notes] : []),
  ].join("\n");
}

export interface RunInfo {
  startedAt: string;
  quick: boolean;
  sections: string[];
  durationS: number;
  machine: { cpus: number; node: string; platform: string };
}

/** Writes latest.json and a timestamped copy, so runs can be compared over time. */
export function writeResults(dir: string, info: RunInfo, rows: readonly Row[]): string[] {
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify({ ...info, rows }, null, 2)}\n`;
  const stamp = info.startedAt.replace(/[:.]/g, "-");
  const files = [join(dir, "latest.json"), join(dir, `${stamp}.json`)];
  for (const file of files) writeFileSync(file, json);
  return files;
}
