/**
 * Where to go after signing in: a path on this server only (never `//host` or `/\host`, which
 * browsers read as another site), with its query string, or the start page.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== "string" || value.length > 2000) return "/";
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  // Control characters (CR/LF) and backslashes have no business in a path we redirect to.
  if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c === "\\")) return "/";
  return value;
}
