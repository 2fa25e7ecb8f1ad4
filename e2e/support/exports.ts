import type { Page } from "@playwright/test";
import { toolbar } from "./workspace";

export type ExportFormat = "json" | "mermaid" | "dot";

/** Chooses a format in the toolbar's Export menu and reads the file the browser downloads. */
export async function exportedFile(page: Page, format: ExportFormat): Promise<string> {
  const download = page.waitForEvent("download");
  await toolbar(page).getByLabel("Export").selectOption(format);
  const stream = await (await download).createReadStream();
  let text = "";
  for await (const chunk of stream) text += String(chunk);
  return text;
}
