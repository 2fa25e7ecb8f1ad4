import type { Link } from "../contract";

/** Ids that pass as UUIDs: `uuidOf(3)` is entity 3. */
export const uuidOf = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;

/** A BLOCKS link between two cases, as the upstream answers it. */
export const blocksLink = (parent: string, child: string): Link => ({
  id: `${parent}-${child}`,
  type: "link",
  attributes: {
    parent_entity_id: parent,
    parent_entity_type: "CASE",
    child_entity_id: child,
    child_entity_type: "CASE",
    relationship: "BLOCKS",
  },
});
