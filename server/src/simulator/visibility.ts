import type { LinkDocument } from "./scenario-index";
import type { SimCase } from "./scenarios/scenario";

/**
 * Who a request reads as: the org's keys see everything; a person (Bearer token) sees the
 * cases open to the whole org and those whose `visibleTo` names them, within their scopes.
 */
export type Viewer = { kind: "org" } | { kind: "person"; userId: string; scopes: string[] };

export const ORG_VIEWER: Viewer = { kind: "org" };

export function canSeeCase(viewer: Viewer, simCase: SimCase): boolean {
  if (viewer.kind === "org" || simCase.visibleTo === undefined) return true;
  return simCase.visibleTo.includes(viewer.userId);
}

export function hasScope(viewer: Viewer, scope: string): boolean {
  return viewer.kind === "org" || viewer.scopes.includes(scope);
}

/** A person is not told that a link to a case they may not read exists. */
export function visibleLinks(
  viewer: Viewer,
  links: LinkDocument[],
  findCase: (id: string) => SimCase | undefined,
): LinkDocument[] {
  if (viewer.kind === "org") return links;
  const visible = (type: string, id: string) => {
    if (type !== "CASE") return true;
    const found = findCase(id);
    return found === undefined || canSeeCase(viewer, found);
  };
  return links.filter(
    (l) =>
      visible(l.attributes.parent_entity_type, l.attributes.parent_entity_id) &&
      visible(l.attributes.child_entity_type, l.attributes.child_entity_id),
  );
}
