/** Roots this browser opened, newest first, kept in localStorage. */
export interface RecentRoot {
  id: string;
  key?: string;
  title?: string;
  openedAt: number;
}

const STORAGE_KEY = "casegraph:recent-roots";
const MAX_RECENT = 8;

function isRecentRoot(value: unknown): value is RecentRoot {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === "string" && typeof v.openedAt === "number";
}

export function readRecentRoots(storage: Storage = localStorage): RecentRoot[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter(isRecentRoot).slice(0, MAX_RECENT) : [];
  } catch {
    // A corrupt entry is not worth an error page: start the list afresh.
    return [];
  }
}

export function rememberRoot(
  root: Omit<RecentRoot, "openedAt">,
  storage: Storage = localStorage,
): void {
  const rest = readRecentRoots(storage).filter((r) => r.id !== root.id);
  const next = [{ ...root, openedAt: Date.now() }, ...rest].slice(0, MAX_RECENT);
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(next));
  } catch {
    // Storage full or disabled (private mode): recents are a convenience, not data.
  }
}
