import { useRef } from "react";

/**
 * Returns the first value seen for a given content key, so a caller that rebuilds an equal
 * array or set on every render does not make the canvas rebuild thousands of elements.
 */
export function useStableByKey<T>(value: T, key: string): T {
  const ref = useRef({ key, value });
  if (ref.current.key !== key) ref.current = { key, value };
  return ref.current.value;
}
