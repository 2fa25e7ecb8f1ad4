import type { GraphNode, NodeKey } from "../../../lib/graph-types";
import { entityNameOf, entityTitle } from "../../../lib/graph-vocabulary";
import type { ClearStep } from "../analysis/clear-order";
import { blockerFacts, factsLine } from "./blocker-facts";

export interface ChecklistInput {
  rootKey: NodeKey;
  clearOrder: readonly ClearStep[];
  nodes: ReadonlyMap<NodeKey, GraphNode>;
  /** When the graph was read (ms since the epoch). */
  asOf: number;
}

export interface Checklist {
  markdown: string;
  text: string;
}

interface Line {
  name: string;
  title?: string;
  facts: string;
  url?: string;
}

const timeOf = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ");

/**
 * The clear order as a checklist for the incident channel or the postmortem: one item per case
 * (a deadlock as one item naming its cases), in order, with key, title, assignee and a link.
 */
export function clearOrderChecklist(input: ChecklistInput): Checklist {
  const { nodes, asOf } = input;
  const root = nodes.get(input.rootKey);
  const rootName = entityNameOf(input.rootKey, root);
  const rootTitle = entityTitle(root);
  const line = (key: NodeKey): Line => {
    const node = nodes.get(key);
    const title = entityTitle(node);
    return {
      name: entityNameOf(key, node),
      ...(title ? { title } : {}),
      facts: factsLine(blockerFacts(node, asOf)),
      ...(node?.label?.url ? { url: node.label.url } : {}),
    };
  };
  const heading = `Clear order for ${rootName}${rootTitle ? `: ${rootTitle}` : ""} (as of ${timeOf(asOf)} UTC)`;
  if (input.clearOrder.length === 0) {
    const none = `Nothing open blocks ${rootName}.`;
    return { markdown: `## ${heading}\n\n${none}\n`, text: `${heading}\n\n${none}\n` };
  }

  const md: string[] = [`## ${heading}`, ""];
  const txt: string[] = [heading, ""];
  input.clearOrder.forEach((step, i) => {
    const n = `${i + 1}.`;
    if (step.kind === "case") {
      const l = line(step.key);
      md.push(`${n} [ ] ${markdownLine(l)}`);
      txt.push(`${n} ${textLine(l)}`);
      return;
    }
    md.push(`${n} [ ] Deadlock: these block each other; break one link first.`);
    txt.push(`${n} Deadlock: these block each other; break one link first.`);
    for (const key of step.keys) {
      const l = line(key);
      md.push(`   - ${markdownLine(l)}`);
      txt.push(`   - ${textLine(l)}`);
    }
  });
  return { markdown: `${md.join("\n")}\n`, text: `${txt.join("\n")}\n` };
}

function markdownLine(l: Line): string {
  const title = l.title ? ` ${escapeMarkdown(l.title)}` : "";
  const link = l.url ? ` [Open in Datadog](${l.url})` : "";
  return `**${escapeMarkdown(l.name)}**${title} (${escapeMarkdown(l.facts)})${link}`;
}

function textLine(l: Line): string {
  return `${l.name}${l.title ? ` ${l.title}` : ""} (${l.facts})${l.url ? ` ${l.url}` : ""}`;
}

/** Titles are free text: keep them from turning into emphasis, links or list markers. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`);
}
