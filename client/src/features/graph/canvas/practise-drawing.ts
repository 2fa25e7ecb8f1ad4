import {
  CASE_PRIORITIES,
  CASE_STATUSES,
  ENTITY_TYPES,
  RELATIONSHIPS,
} from "@casegraph/server/contract";
import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from "cytoscape";
import type { GraphEdge, GraphNode, GraphSnapshot, LookupStatus } from "../../../lib/graph-types";
import { browserSpareTime, type SpareTimeScheduler } from "../../../lib/spare-time";
import { addReadyToDraw } from "./add-ready-to-draw";
import { renderLoopOf } from "./cytoscape-internals";
import { detoursOf } from "./follow-detours";
import { toElements } from "./to-elements";

/**
 * Nodes of the practice graph. Creating the first elements of a page runs cytoscape's style,
 * label and edge code before V8 has compiled it: in a bench page, 3,000 elements took about a
 * third longer on a page that had created none before than on one that had created 150 nodes.
 * The practice graph pays that in spare time, before the picture is waiting for it, and the
 * link detours' too (planned once on it at the end: cold, their first plan of a 300-node
 * picture took about five times as long as the next ones, in Node).
 */
export const PRACTICE_NODES = 150;
/** Elements created between two looks at the clock. */
const STEP = 10;
/**
 * Each spare-time task practises about this long: long enough that waiting for the next one
 * costs little, short enough never to delay input or a frame noticeably.
 */
const SLICE_MS = 12;

const INCIDENT_STATES = ["ACTIVE", "STABLE", "RESOLVED"] as const;
const LOOKUP_STATES: readonly LookupStatus[] = ["done", "done", "done", "pending", "error"];

/**
 * A graph with every entity type, status, priority, lookup state and relationship the canvas
 * styles, labelled as real entities are (a headline and a title that wraps), so the practice
 * runs the code paths the real picture runs.
 */
export function practiceSnapshot(count = PRACTICE_NODES): GraphSnapshot {
  const nodes = new Map<string, GraphNode>();
  for (let i = 0; i < count; i++) {
    const type = ENTITY_TYPES[i % ENTITY_TYPES.length] ?? "CASE";
    const incident = type === "INCIDENT";
    const key = `${type}:practice-${i}`;
    nodes.set(key, {
      key,
      type,
      id: `practice-${i}`,
      hop: i % 4,
      label: {
        type,
        id: `practice-${i}`,
        key: incident ? `INC-${i}` : `OPS-${i}`,
        title: `Practice entity ${i} with a title long enough to wrap onto a second line`,
        status: incident
          ? INCIDENT_STATES[i % INCIDENT_STATES.length]
          : CASE_STATUSES[i % CASE_STATUSES.length],
        priority: incident ? `SEV-${(i % 4) + 1}` : CASE_PRIORITIES[i % CASE_PRIORITIES.length],
      },
      labelStatus: LOOKUP_STATES[i % LOOKUP_STATES.length] as LookupStatus,
      linksStatus: "done",
      frontier: i % 7 === 0,
    });
  }
  const keys = [...nodes.keys()];
  const edges: GraphEdge[] = [];
  keys.forEach((source, i) => {
    for (const gap of [1, 3]) {
      const target = keys[i + gap];
      if (!target) continue;
      edges.push({
        id: `practice-link-${i}-${gap}`,
        source,
        target,
        relationship: RELATIONSHIPS[(i + gap) % RELATIONSHIPS.length] ?? "RELATES_TO",
      });
    }
  });
  return { rootKey: keys[0] ?? "", nodes, edges, incomplete: false };
}

/** The practice graph as the canvas would create it: element definitions with positions. */
export function practiceElements(count = PRACTICE_NODES): ElementDefinition[] {
  const elements = toElements(practiceSnapshot(count), {
    rel: null,
    dup: "show",
    highlighted: new Set(),
  });
  let column = 0;
  return elements.map((d) => {
    if (d.data.source !== undefined) return d;
    const at = column++;
    return { ...d, position: { x: (at % 12) * 240, y: Math.floor(at / 12) * 120 } };
  });
}

/**
 * A Core on a container that is not in the document: its renderer measures labels and works
 * out edges as the real one does, but never draws. Drawing the practice graph after each step
 * cost more than all the rest of the practice together, and there is nothing to see.
 */
function practiceCore(stylesheet: StylesheetJson): Core {
  const cy = cytoscape({
    container: document.createElement("div"),
    style: stylesheet,
    layout: { name: "preset" },
  });
  const loop = renderLoopOf(cy);
  if (loop && "render" in loop) loop.render = () => {};
  return cy;
}

let practised = false;
let stopCurrent: (() => void) | null = null;

/**
 * Creates the practice graph on a Core of its own, off screen, with `stylesheet`, in spare time
 * only, then destroys it; once per page (what V8 compiles is the page's, not the Core's).
 */
export function practiseDrawingInSpareTime(
  stylesheet: StylesheetJson,
  spare: SpareTimeScheduler | null = browserSpareTime(),
): void {
  if (practised || !spare) return;
  practised = true;
  let definitions: ElementDefinition[] = [];
  let cy: Core | null = null;
  let next = 0;
  let waiting = false;
  const stop = () => {
    if (waiting) spare.cancel();
    waiting = false;
    cy?.destroy();
    cy = null;
    stopCurrent = null;
  };
  stopCurrent = stop;
  const step = () => {
    waiting = false;
    // The first task builds the graph and its Core too, within the same time.
    const until = performance.now() + SLICE_MS;
    try {
      if (!cy) {
        definitions = practiceElements();
        cy = practiceCore(stylesheet);
      }
      while (next < definitions.length && performance.now() < until) {
        addReadyToDraw(cy, definitions.slice(next, next + STEP));
        next += STEP;
      }
    } catch (error) {
      // A practice that failed leaves nothing behind (its Core has a render loop of its own).
      stop();
      throw error;
    }
    if (next < definitions.length) {
      waiting = true;
      spare.request(step);
    } else {
      waiting = true;
      spare.request(planOnce);
    }
  };
  // The detours of the practice picture, in a spare task of their own, then the end.
  const planOnce = () => {
    waiting = false;
    try {
      if (cy) detoursOf(cy);
    } finally {
      stop();
    }
  };
  waiting = true;
  spare.request(step);
}

/**
 * The real picture is being created: practice left unfinished would now only take time from
 * it, so it ends here.
 */
export function stopPractising(): void {
  stopCurrent?.();
}

/** Test support: lets the next call practise again. */
export function forgetPractice(): void {
  stopPractising();
  practised = false;
}
