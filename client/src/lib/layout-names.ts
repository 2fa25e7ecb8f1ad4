/**
 * Layouts a view can ask for in the URL (`layout=`). `layered` reads top to bottom along the
 * arrows (BLOCKS, CAUSES); `force` is a physics layout; `concentric` rings the root by hops.
 */
export const LAYOUT_NAMES = ["layered", "force", "concentric"] as const;
export type LayoutName = (typeof LAYOUT_NAMES)[number];
export const DEFAULT_LAYOUT: LayoutName = "layered";

export function isLayoutName(value: string): value is LayoutName {
  return (LAYOUT_NAMES as readonly string[]).includes(value);
}
