import { isKnownRelationship } from "@casegraph/server/contract";
import { DEFAULT_LAYOUT, isLayoutName, LAYOUT_NAMES, type LayoutName } from "./layout-names";

/** What `/cases/:id?…` says about the view, beyond the root in the path. */
export interface ViewState {
  /** Link hops expanded from the root, 1..10. */
  depth: number;
  /**
   * Relationship types shown. `null` (no `rel` in the URL) shows all of them; `[]` (an explicit,
   * empty `rel=`) shows none, so a person who switched every type off can share that view.
   */
  rel: string[] | null;
  layout: LayoutName;
  /** Entity id whose details panel is open. */
  selected: string | null;
  /**
   * Entity ids whose neighbours are shown past the depth (Expand, Show), in the order they
   * were expanded, so a copied link reproduces exactly what its sender saw.
   */
  expand: string[];
  dup: "show" | "collapse";
  view: "graph" | "table";
  /** Most entities shown before the graph stops growing (and says what it left out). */
  cap: number;
  /** Seconds between live re-reads while the tab is visible; null (`live=off`) never re-reads. */
  live: number | null;
}

export const MIN_DEPTH = 1;
export const MAX_DEPTH = 10;
export const MAX_SELECTED_LENGTH = 200;
export const MAX_EXPANDED = 100;
export const MIN_CAP = 50;
export const MAX_CAP = 10_000;
export const MIN_LIVE_S = 2;
export const MAX_LIVE_S = 3600;

export const DEFAULT_VIEW_STATE: Readonly<ViewState> = Object.freeze({
  depth: 3,
  rel: null,
  layout: DEFAULT_LAYOUT,
  selected: null,
  expand: Object.freeze([]) as unknown as string[],
  dup: "show",
  view: "graph",
  cap: 500,
  live: 30,
});

/** Relationship values Datadog may add later still look like this; keep them. */
const FUTURE_RELATIONSHIP = /^[A-Z][A-Z_]{0,39}$/;
const DUP_MODES = ["show", "collapse"] as const;
const VIEWS = ["graph", "table"] as const;
const DEFAULT_INSTEAD = "Showing the default instead.";

export function parseViewState(params: URLSearchParams): { state: ViewState; notices: string[] } {
  const notices: string[] = [];
  // Each notice says what is shown instead, so the page never claims a default it does not show.
  const ignore = (name: string, value: string, why: string, instead = DEFAULT_INSTEAD) =>
    notices.push(`Ignored ${name}=${shorten(value)}: ${why} ${instead}`);

  const state: ViewState = { ...DEFAULT_VIEW_STATE, expand: [] };

  const depth = params.get("depth");
  if (depth !== null) {
    const n = /^\d{1,3}$/.test(depth) ? Number(depth) : Number.NaN;
    if (n >= MIN_DEPTH && n <= MAX_DEPTH) state.depth = n;
    else ignore("depth", depth, `depth must be a whole number from ${MIN_DEPTH} to ${MAX_DEPTH}.`);
  }

  const rel = params.get("rel");
  if (rel !== null) state.rel = parseRel(rel, notices);

  const layout = params.get("layout");
  if (layout !== null) {
    if (isLayoutName(layout)) state.layout = layout;
    else ignore("layout", layout, `layout must be one of ${LAYOUT_NAMES.join(", ")}.`);
  }

  const selected = params.get("selected");
  if (selected !== null && selected !== "") {
    if (isSelectable(selected)) state.selected = selected;
    else
      ignore(
        "selected",
        selected,
        `selected must be an entity id of at most ${MAX_SELECTED_LENGTH} printable characters.`,
        "No entity is selected.",
      );
  }

  const expand = params.get("expand");
  if (expand !== null) state.expand = parseExpand(expand, notices);

  const dup = params.get("dup");
  if (dup !== null) {
    if (isOneOf(DUP_MODES, dup)) state.dup = dup;
    else ignore("dup", dup, "dup must be show or collapse.");
  }

  const view = params.get("view");
  if (view !== null) {
    if (isOneOf(VIEWS, view)) state.view = view;
    else ignore("view", view, "view must be graph or table.");
  }

  const cap = params.get("cap");
  if (cap !== null) {
    const n = /^\d{1,6}$/.test(cap) ? Number(cap) : Number.NaN;
    if (n >= MIN_CAP && n <= MAX_CAP) state.cap = n;
    else ignore("cap", cap, `cap must be a whole number from ${MIN_CAP} to ${MAX_CAP}.`);
  }

  const live = params.get("live");
  if (live !== null) {
    const n = /^\d{1,4}$/.test(live) ? Number(live) : Number.NaN;
    if (live === "off") state.live = null;
    else if (n >= MIN_LIVE_S && n <= MAX_LIVE_S) state.live = n;
    else
      ignore(
        "live",
        live,
        `live must be off or a whole number of seconds from ${MIN_LIVE_S} to ${MAX_LIVE_S}.`,
      );
  }

  return { state, notices };
}

/**
 * The notice for a well-formed `selected=` that names no entity of the settled graph (the page
 * can only tell once every lookup has answered, so it is not one of `parseViewState`'s).
 */
export function missingSelectedNotice(selected: string): string {
  return `Ignored selected=${shorten(selected)}: no entity with this id is in the graph. No entity is selected.`;
}

/** Writes only what differs from the defaults, always in the same parameter order. */
export function serializeViewState(state: ViewState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.depth !== DEFAULT_VIEW_STATE.depth) params.set("depth", String(state.depth));
  if (state.rel !== null) params.set("rel", state.rel.join(","));
  if (state.layout !== DEFAULT_VIEW_STATE.layout) params.set("layout", state.layout);
  if (state.selected !== null) params.set("selected", state.selected);
  if (state.expand.length > 0) params.set("expand", state.expand.join(","));
  if (state.dup !== DEFAULT_VIEW_STATE.dup) params.set("dup", state.dup);
  if (state.view !== DEFAULT_VIEW_STATE.view) params.set("view", state.view);
  if (state.cap !== DEFAULT_VIEW_STATE.cap) params.set("cap", String(state.cap));
  if (state.live !== DEFAULT_VIEW_STATE.live)
    params.set("live", state.live === null ? "off" : String(state.live));
  return params;
}

/** A relationship type the URL may carry: a documented one or one that looks like a future one. */
export function isRelationshipToken(token: string): boolean {
  return isKnownRelationship(token) || FUTURE_RELATIONSHIP.test(token);
}

function parseRel(raw: string, notices: string[]): string[] | null {
  const tokens = raw
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "");
  if (tokens.length === 0) return [];
  const kept: string[] = [];
  const ignored: string[] = [];
  for (const token of tokens) {
    if (!isRelationshipToken(token)) ignored.push(shorten(token));
    else if (!kept.includes(token)) kept.push(token);
  }
  if (ignored.length > 0) {
    // The usable types are kept (a typo in one does not undo the others); the notice says so.
    const instead =
      kept.length > 0
        ? `Showing ${kept.join(", ")} only.`
        : "Showing every relationship (the default) instead.";
    notices.push(
      `Ignored rel=${ignored.join(",")}: rel must list relationship types such as BLOCKS or CAUSES, in capitals. ${instead}`,
    );
  }
  // Nothing usable is a typo, not a wish to hide every link: fall back to showing all.
  return kept.length > 0 ? kept : null;
}

function parseExpand(raw: string, notices: string[]): string[] {
  const kept: string[] = [];
  for (const token of raw.split(",").map((t) => t.trim())) {
    if (token === "" || kept.includes(token)) continue;
    if (!isSelectable(token)) {
      notices.push(
        `Ignored expand=${shorten(token)}: expand must list entity ids of at most ${MAX_SELECTED_LENGTH} printable characters.`,
      );
    } else if (kept.length >= MAX_EXPANDED) {
      notices.push(
        `Ignored expand past ${MAX_EXPANDED} entities: expand lists at most ${MAX_EXPANDED}; the first ${MAX_EXPANDED} are shown.`,
      );
      break;
    } else {
      kept.push(token);
    }
  }
  return kept;
}

function isSelectable(value: string): boolean {
  return value.length <= MAX_SELECTED_LENGTH && !hasControlCharacter(value);
}

export function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

/** Keeps a notice readable when someone pastes a novel into the URL. */
function shorten(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
