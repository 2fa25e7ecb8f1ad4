import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app";
import { warmClockFormats } from "./lib/clock-time";
import "./styles/base.css";

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element");
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The first times a case page shows come as its data settles: their formatters are made before.
warmClockFormats();
