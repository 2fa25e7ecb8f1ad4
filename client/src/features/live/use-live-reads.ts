import { useEffect, useRef } from "react";

export interface LiveReadsOptions {
  /** Seconds between re-reads; null never re-reads. */
  intervalS: number | null;
  /** A re-read only starts once the previous reading has settled. */
  settled: boolean;
  reread(): void;
}

const isVisible = () => document.visibilityState === "visible";

/**
 * Re-reads the graph every `intervalS` while the tab is visible. A hidden tab sends nothing;
 * coming back reads at once, then on the interval again.
 */
export function useLiveReads({ intervalS, settled, reread }: LiveReadsOptions): void {
  const settledRef = useRef(settled);
  const rereadRef = useRef(reread);
  // A tick that found the previous reading still running reads as soon as it settles.
  const owed = useRef(false);
  useEffect(() => {
    settledRef.current = settled;
    rereadRef.current = reread;
    if (settled && owed.current && isVisible()) {
      owed.current = false;
      reread();
    }
  });

  useEffect(() => {
    if (intervalS === null) return;
    let timer: ReturnType<typeof setInterval> | undefined;
    const read = () => {
      if (!isVisible()) return;
      if (settledRef.current) rereadRef.current();
      else owed.current = true;
    };
    const start = () => {
      clearInterval(timer);
      timer = isVisible() ? setInterval(read, intervalS * 1000) : undefined;
    };
    const onVisibility = () => {
      if (isVisible()) read();
      else owed.current = false;
      start();
    };
    start();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [intervalS]);
}
