import { useEffect, useRef, useState } from "react";

/**
 * The value, passed on at most once per `intervalMs` (0: at once). The first value and the last
 * one always get through, so a burst of updates ends on the latest.
 */
export function useThrottledValue<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value);
  const lastAt = useRef(0);

  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = intervalMs <= 0 ? 0 : lastAt.current + intervalMs - Date.now();
    if (wait <= 0) {
      lastAt.current = Date.now();
      setShown(value);
      return;
    }
    const timer = setTimeout(() => {
      lastAt.current = Date.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, shown, intervalMs]);

  return intervalMs <= 0 ? value : shown;
}
