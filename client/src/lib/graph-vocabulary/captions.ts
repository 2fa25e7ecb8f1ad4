import { type EntityRef, entityName, entityPriority, entityTitle } from "./entities";
import { NODE_MARKS, STATUS_MARKS } from "./node-marks";
import { statusTone } from "./statuses";

/**
 * Node label size on the canvas, in graph units (CSS px at zoom 1); the opening view picks its
 * zoom from it so labels are readable on screen.
 */
export const NODE_LABEL_FONT_PX = 14;

/** How much of a title fits on one line of a node box at NODE_LABEL_FONT_PX. */
export const TITLE_CHARS_PER_LINE = 20;
export const TITLE_LINES = 2;

/**
 * Words wrapped onto at most `lines` lines of `perLine` characters; what does not fit is cut
 * with "…" at the end of the last line. A word longer than a line is split.
 */
export function wrapText(text: string, perLine: number, lines: number): string[] {
  const words = text
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((word) => word.match(new RegExp(`.{1,${perLine}}`, "gu")) ?? []);
  const out: string[] = [];
  let next = 0;
  while (next < words.length && out.length < lines) {
    let line = words[next++] as string;
    while (next < words.length && line.length + 1 + (words[next] as string).length <= perLine) {
      line = `${line} ${words[next++]}`;
    }
    out.push(line);
  }
  if (next < words.length) {
    const last = out[out.length - 1] as string;
    const room = last.length < perLine ? last : last.slice(0, perLine - 1).trimEnd();
    out[out.length - 1] = `${room}…`;
  }
  return out;
}

/** The first line of a node: status glyph, name and priority, and a warning when a lookup failed. */
export function nodeHeadline(node: EntityRef, failed = false): string {
  const glyph = STATUS_MARKS[statusTone(node.label?.status)].glyph;
  const priority = entityPriority(node);
  const parts = [
    failed ? NODE_MARKS.failedGlyph : "",
    glyph,
    entityName(node),
    priority ? `· ${priority}` : "",
  ];
  return parts.filter(Boolean).join(" ");
}

/**
 * A node's label on the canvas: the headline, then the title on at most two lines. A note
 * ("+3 duplicates") takes the first of those lines, so the label never grows past the box.
 */
export function nodeLabel(node: EntityRef, failed = false, note?: string): string {
  const title = entityTitle(node);
  const titleLines = note ? TITLE_LINES - 1 : TITLE_LINES;
  const lines = title ? wrapText(title, TITLE_CHARS_PER_LINE, titleLines) : [];
  return [nodeHeadline(node, failed), ...(note ? [note] : []), ...lines].join("\n");
}
