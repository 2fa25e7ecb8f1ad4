import type { Core, ElementDefinition, SingularElementReturnValue } from "cytoscape";

export interface AppliedDiff {
  /** Ids of elements added, removed, and changed in place (data or classes). */
  added: string[];
  removed: string[];
  updated: string[];
  /** A node came or went: the only case that needs a new layout. */
  nodesChanged: boolean;
}

export interface ApplyDiffOptions {
  /** Classes the caller manages on its own (e.g. `selected`); the diff leaves them alone. */
  keepClasses?: readonly string[];
}

/** Keys cytoscape manages itself or that need a structural change rather than `data()`. */
const STRUCTURAL_KEYS = new Set(["id", "source", "target"]);

function classList(classes: ElementDefinition["classes"]): string[] {
  if (!classes) return [];
  const list = Array.isArray(classes) ? classes : classes.split(/\s+/);
  return list.filter((name) => name.length > 0);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((item) => set.has(item));
}

function dataChanged(ele: SingularElementReturnValue, wanted: Record<string, unknown>): boolean {
  const current = ele.data() as Record<string, unknown>;
  for (const [key, value] of Object.entries(wanted)) {
    if (!STRUCTURAL_KEYS.has(key) && current[key] !== value) return true;
  }
  return Object.keys(current).some((key) => !STRUCTURAL_KEYS.has(key) && !(key in wanted));
}

function replaceData(ele: SingularElementReturnValue, wanted: Record<string, unknown>) {
  const current = ele.data() as Record<string, unknown>;
  const stale = Object.keys(current).filter((key) => !STRUCTURAL_KEYS.has(key) && !(key in wanted));
  if (stale.length > 0) ele.removeData(stale.join(" "));
  const next: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wanted)) {
    if (!STRUCTURAL_KEYS.has(key)) next[key] = value;
  }
  ele.data(next);
}

/**
 * Makes `cy` hold exactly `elements`, touching only what differs, inside one batch: the graph
 * is never replaced, so unchanged nodes keep their positions and the viewport stays put.
 */
export function applyDiff(
  cy: Core,
  elements: readonly ElementDefinition[],
  options: ApplyDiffOptions = {},
): AppliedDiff {
  const keep = new Set(options.keepClasses ?? []);
  const result: AppliedDiff = { added: [], removed: [], updated: [], nodesChanged: false };
  const wantedIds = new Set<string>();

  cy.batch(() => {
    const toAdd: ElementDefinition[] = [];
    const toUpdate: ElementDefinition[] = [];
    for (const definition of elements) {
      const id = definition.data.id;
      if (id === undefined) continue;
      wantedIds.add(id);
      const existing = cy.getElementById(id);
      const isEdge = definition.group === "edges" || definition.data.source !== undefined;
      const endpointsMoved =
        existing.nonempty() &&
        isEdge &&
        (existing.data("source") !== definition.data.source ||
          existing.data("target") !== definition.data.target);
      if (existing.empty() || endpointsMoved) {
        // An edge's endpoints cannot change in place: it goes and comes back.
        if (endpointsMoved) {
          cy.remove(existing);
          result.removed.push(id);
        }
        toAdd.push(definition);
      } else {
        toUpdate.push(definition);
      }
    }

    // Nodes before edges, so every edge's endpoints are there.
    if (toAdd.length > 0) {
      const nodes: ElementDefinition[] = [];
      const edges: ElementDefinition[] = [];
      for (const d of toAdd) {
        if (d.group === "nodes" || d.data.source === undefined) nodes.push(d);
        else edges.push(d);
      }
      cy.add([...nodes, ...edges]);
      for (const d of toAdd) if (d.data.id) result.added.push(d.data.id);
      if (nodes.length > 0) result.nodesChanged = true;
    }

    for (const definition of toUpdate) {
      const id = definition.data.id as string;
      const ele = cy.getElementById(id);
      let changed = false;
      const wantedData = definition.data as Record<string, unknown>;
      if (dataChanged(ele, wantedData)) {
        replaceData(ele, wantedData);
        changed = true;
      }
      const kept = ele.classes().filter((name) => keep.has(name));
      const current = ele.classes().filter((name) => !keep.has(name));
      const wanted = classList(definition.classes).filter((name) => !keep.has(name));
      if (!sameSet(current, wanted)) {
        ele.classes([...wanted, ...kept]);
        changed = true;
      }
      if (changed) result.updated.push(id);
    }

    // Whatever was not wanted goes.
    const gone = cy.elements().filter((ele) => !wantedIds.has(ele.id()));
    if (gone.nonempty()) {
      if (gone.nodes().nonempty()) result.nodesChanged = true;
      for (const ele of gone.toArray()) result.removed.push(ele.id());
      cy.remove(gone);
    }
  });

  return result;
}
