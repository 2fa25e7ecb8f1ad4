import cytoscape from "cytoscape";
import { createElement } from "react";
import { createRoot } from "react-dom/client";
import type { BenchWindow } from "./page-api";

// The libraries the client cannot do without, used just enough that none of them is shaken out:
// the gzip size of this page's JavaScript is the floor for the product's initial load.
const host = document.getElementById("app");
if (host) {
  createRoot(host).render(createElement("div", { id: "floor" }));
  cytoscape({ container: host, elements: [{ data: { id: "a" } }] });
}
(window as Window & BenchWindow).benchFloorReady = true;
