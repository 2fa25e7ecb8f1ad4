import { useState } from "react";
import type { Checklist } from "./checklist/clear-order-checklist";

/** "Copy as checklist" (Markdown) and its plain-text twin, for the incident channel. */
export function ClearOrderActions({ checklist }: { checklist: () => Checklist }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async (form: "markdown" | "text") => {
    const text = checklist()[form];
    try {
      await navigator.clipboard.writeText(text);
      setCopied(form === "markdown" ? "Checklist copied" : "Plain text copied");
    } catch {
      window.prompt("Copy the clear order", text);
    }
  };
  return (
    <span className="insights-clear-actions">
      <button type="button" className="insights-toggle" onClick={() => void copy("markdown")}>
        Copy as checklist
      </button>
      <button type="button" className="insights-toggle" onClick={() => void copy("text")}>
        Copy as plain text
      </button>
      <span role="status" className="insights-clear-actions__status">
        {copied}
      </span>
    </span>
  );
}
