import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * The content width of an element, followed as it changes: attach the
 * returned ref to the element. Undefined until measured, and where the
 * browser has no ResizeObserver.
 */
export function useContentWidth<T extends Element>(): [
  (element: T | null) => void,
  number | undefined,
] {
  const [width, setWidth] = useState<number | undefined>(undefined);
  const observer = useRef<ResizeObserver>();
  const ref = useCallback((element: T | null) => {
    observer.current?.disconnect();
    observer.current = undefined;
    if (!element || typeof window.ResizeObserver === 'undefined') return;
    observer.current = new window.ResizeObserver(entries => {
      const entry = entries[entries.length - 1];
      if (entry) setWidth(Math.round(entry.contentRect.width));
    });
    observer.current.observe(element);
  }, []);
  useEffect(() => () => observer.current?.disconnect(), []);
  return [ref, width];
}
