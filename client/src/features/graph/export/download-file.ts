/**
 * Hands `content` to the browser as a download named `filename`, through an object URL and a
 * temporary `<a download>` (the one way that works without a server round trip).
 */
export function downloadFile(filename: string, mime: string, content: string | Blob): void {
  const blob = typeof content === "string" ? new Blob([content], { type: mime }) : content;
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.rel = "noopener";
  link.style.display = "none";
  // Firefox only follows a link that is in the document.
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Revoking in the same tick can cancel the download in some browsers.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
