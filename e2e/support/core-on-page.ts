import type { JSHandle, Page } from "@playwright/test";

/**
 * Runs `read` in the page on the cytoscape Core behind the graph, or on null when no graph is
 * drawn. cytoscape keeps its Core on its container as `_cyreg`; a Core replaced by another
 * (a remount for a bigger graph) is destroyed, so the live one is the one not destroyed.
 * `Core` is the caller's own description of the little of cytoscape's API it reads: the page's
 * cytoscape is not this process's module.
 */
export async function onCore<Core, Result, Arg = undefined>(
  page: Page,
  read: (cy: Core | null, arg: Arg) => Result,
  arg?: Arg,
): Promise<Result> {
  const core: JSHandle<Core | null> = await page.evaluateHandle(() => {
    let live: unknown = null;
    for (const element of document.querySelectorAll<HTMLElement>(".graph-canvas__surface div")) {
      const cy = (element as HTMLElement & { _cyreg?: { cy?: { destroyed(): boolean } } })._cyreg
        ?.cy;
      if (cy && !cy.destroyed()) live = cy;
    }
    return live as Core | null;
  });
  try {
    // Playwright types the argument as it arrives in the page (unboxed), which for the plain
    // values passed here is the value itself.
    return await core.evaluate(read as (cy: Core | null, arg: unknown) => Result, arg);
  } finally {
    await core.dispose();
  }
}
