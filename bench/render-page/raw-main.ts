import cytoscape from "cytoscape";
import { afterPaint, summarise, watchLongTasks } from "./measure";
import type { BenchWindow, ElementJson } from "./page-api";

const bench = window as Window & BenchWindow;

/** The floor: cytoscape alone, its default style, nodes at known positions, nothing else. */
bench.benchRaw = async (elements: ElementJson[]) => {
  const container = document.getElementById("app");
  if (!container) throw new Error("no #app");
  const longTasks = watchLongTasks();
  const started = performance.now();
  const cy = cytoscape({ container, elements, layout: { name: "preset", fit: true, padding: 30 } });
  await afterPaint();
  const finished = performance.now();
  return summarise(started, finished, longTasks(), cy.nodes().length);
};
