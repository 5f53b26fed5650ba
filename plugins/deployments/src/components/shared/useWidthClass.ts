import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Classifies an element by its content width, following it as it changes:
 * attach the returned ref to the element. `classify` gets undefined until the
 * element is measured, and where the browser has no ResizeObserver. The
 * component re-renders only when the class changes, not on every pixel.
 */
export function useWidthClass<E extends Element, T>(
  classify: (width: number | undefined) => T,
): [(element: E | null) => void, T] {
  const [value, setValue] = useState<T>(() => classify(undefined));
  const observer = useRef<ResizeObserver>();
  const ref = useCallback(
    (element: E | null) => {
      observer.current?.disconnect();
      observer.current = undefined;
      if (!element || typeof window.ResizeObserver === 'undefined') return;
      observer.current = new window.ResizeObserver(entries => {
        const entry = entries[entries.length - 1];
        if (entry) setValue(classify(entry.contentRect.width));
      });
      observer.current.observe(element);
    },
    [classify],
  );
  useEffect(() => () => observer.current?.disconnect(), []);
  return [ref, value];
}
