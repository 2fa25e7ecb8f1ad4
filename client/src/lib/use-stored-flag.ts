import { useCallback, useState } from "react";

function read(key: string, fallback: boolean): boolean {
  try {
    const stored = localStorage.getItem(key);
    return stored === null ? fallback : stored === "true";
  } catch {
    // Storage can be switched off; the flag then lives for this page only.
    return fallback;
  }
}

/** A yes/no choice this browser remembers (localStorage), e.g. whether a panel is open. */
export function useStoredFlag(key: string, fallback: boolean): [boolean, (next: boolean) => void] {
  const [value, setValue] = useState(() => read(key, fallback));
  const set = useCallback(
    (next: boolean) => {
      setValue(next);
      try {
        localStorage.setItem(key, String(next));
      } catch {
        // See read().
      }
    },
    [key],
  );
  return [value, set];
}
