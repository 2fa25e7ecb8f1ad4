import type { GraphNode, NodeKey } from "../graph-types";

/** What the vocabulary needs of a node: enough to name it before its label arrives. */
export type EntityRef = Pick<GraphNode, "type" | "id" | "label">;

/** The cytoscape node shape, the Graphviz shape and the Mermaid brackets of one entity type. */
export interface EntityLook {
  /** The type as a word, in front of a short id until the label arrives. */
  word: string;
  /** `data(kind)` on the canvas. */
  kind: EntityKind;
  canvasShape: "round-rectangle" | "cut-rectangle" | "tag" | "ellipse" | "rectangle";
  dotShape: string;
  mermaid: readonly [open: string, close: string];
}

export type EntityKind = "case" | "incident" | "page" | "agent" | "unknown";

const ENTITY_LOOKS: Readonly<Record<string, EntityLook>> = {
  CASE: {
    word: "Case",
    kind: "case",
    canvasShape: "round-rectangle",
    dotShape: "box",
    mermaid: ["[", "]"],
  },
  INCIDENT: {
    word: "Incident",
    kind: "incident",
    canvasShape: "cut-rectangle",
    dotShape: "hexagon",
    mermaid: ["{{", "}}"],
  },
  PAGE: { word: "Page", kind: "page", canvasShape: "tag", dotShape: "cds", mermaid: ["([", "])"] },
  AGENT_CONVERSATION: {
    word: "Agent conversation",
    kind: "agent",
    canvasShape: "ellipse",
    dotShape: "ellipse",
    mermaid: ["(", ")"],
  },
};

/** Entity types Datadog may add later keep their own name and a plain box. */
function unknownLook(type: string): EntityLook {
  return {
    word: type,
    kind: "unknown",
    canvasShape: "rectangle",
    dotShape: "box",
    mermaid: ["[", "]"],
  };
}

export function entityLook(type: string): EntityLook {
  return ENTITY_LOOKS[type] ?? unknownLook(type);
}

/** Every entity kind the canvas draws, with its shape (for the stylesheet and the node key). */
export const ENTITY_KINDS: ReadonlyArray<Pick<EntityLook, "kind" | "word" | "canvasShape">> = [
  ...Object.values(ENTITY_LOOKS),
  unknownLook("Other"),
].map(({ kind, word, canvasShape }) => ({ kind, word, canvasShape }));

export function typeWord(type: string): string {
  return entityLook(type).word;
}

/** What people call an entity: its key (PAY-101), else its type and a short id. */
export function entityName(node: EntityRef): string {
  if (node.label?.key) return node.label.key;
  // UUIDs are unreadable in full; the first block is enough to tell entities apart on screen.
  return `${typeWord(node.type)} ${node.id.slice(0, 8)}`.trim();
}

/** The name of an entity known by its key, whether or not the snapshot holds it. */
export function entityNameOf(key: NodeKey, node: EntityRef | undefined): string {
  return entityName(node ?? entityRefOf(key));
}

export function entityRefOf(key: NodeKey): EntityRef {
  const colon = key.indexOf(":");
  return colon > 0
    ? { type: key.slice(0, colon), id: key.slice(colon + 1) }
    : { type: "UNKNOWN", id: key };
}

export function entityTitle(node: EntityRef | undefined): string | undefined {
  const title = node?.label?.title?.trim();
  return title ? title : undefined;
}

/** The priority as people write it (P1, SEV-2); undefined when there is none. */
export function entityPriority(node: EntityRef): string | undefined {
  const priority = node.label?.priority;
  return priority && priority !== "NOT_DEFINED" ? priority : undefined;
}

/** An entity in a diagram: its name, then its title when it has one. */
export function entityCaptionLines(node: EntityRef): string[] {
  const title = entityTitle(node);
  return title === undefined ? [entityName(node)] : [entityName(node), title];
}
