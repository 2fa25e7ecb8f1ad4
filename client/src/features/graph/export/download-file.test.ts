import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { downloadFile } from "./download-file";

describe("downloadFile", () => {
  const createObjectURL = vi.fn((_blob: Blob) => "blob:casegraph/1");
  const revokeObjectURL = vi.fn();
  let clicked: HTMLAnchorElement[] = [];

  beforeEach(() => {
    // jsdom has no object URLs.
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL, revokeObjectURL }));
    clicked = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this);
    });
  });

  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
    createObjectURL.mockClear();
    revokeObjectURL.mockClear();
  });

  it("clicks a temporary download link to the content, then cleans up", async () => {
    downloadFile("casegraph-PAY-101.json", "application/json", '{"root":"CASE:a"}');

    expect(clicked).toHaveLength(1);
    expect(clicked[0]?.download).toBe("casegraph-PAY-101.json");
    expect(clicked[0]?.getAttribute("href")).toBe("blob:casegraph/1");
    const blob = createObjectURL.mock.calls[0]?.[0];
    expect(blob?.type).toBe("application/json");
    expect(blob && (await readText(blob))).toBe('{"root":"CASE:a"}');
    expect(document.querySelector("a[download]")).toBeNull();

    await vi.waitFor(() => expect(revokeObjectURL).toHaveBeenCalledWith("blob:casegraph/1"));
  });

  it("passes a Blob through as it is", () => {
    const png = new Blob(["png"], { type: "image/png" });
    downloadFile("graph.png", "image/png", png);
    expect(createObjectURL).toHaveBeenCalledWith(png);
  });
});

// FileReader rather than Blob.text(): older jsdom Blobs lack the latter.
function readText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}
