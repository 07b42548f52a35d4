import { useCallback, useEffect, useState } from 'react';

/**
 * The width of the element `ref` is attached to, kept up to date with a ResizeObserver. Before the first
 * measurement, in server rendering and where ResizeObserver does not exist, it is `initialWidth`.
 */
export function useWidth(initialWidth: number): { ref: (node: HTMLElement | null) => void; width: number } {
  const [node, setNode] = useState<HTMLElement | null>(null);
  const [width, setWidth] = useState(initialWidth);
  const ref = useCallback((element: HTMLElement | null) => setNode(element), []);
  useEffect(() => {
    if (!node || typeof ResizeObserver === 'undefined') return undefined;
    let frame = 0;
    const observer = new ResizeObserver((entries) => {
      const measured = entries[0]?.contentRect.width ?? 0;
      cancelAnimationFrame(frame);
      // One update per frame, and never to zero (a hidden container keeps the last width).
      frame = requestAnimationFrame(() => { if (measured > 0) setWidth(Math.round(measured)); });
    });
    observer.observe(node);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [node]);
  return { ref, width };
}
