import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';

export interface TooltipState {
  x: number;
  y: number;
  content: ReactNode;
}

/** Tooltip state of one chart: shown on pointer hover and on keyboard focus alike. */
export function useTooltip() {
  const [tooltip, setTooltip] = useState<TooltipState | null>(null);
  const show = useCallback((x: number, y: number, content: ReactNode) => setTooltip({ x, y, content }), []);
  const hide = useCallback(() => setTooltip(null), []);
  return { tooltip, show, hide };
}

/**
 * The tooltip over the point it describes, kept inside the plot (`width` wide): shifted sideways at the edges and
 * shown below the point when there is no room above, so a host's clipping container (or `contain: paint`, which
 * `content-visibility` implies) never cuts it off.
 */
export function Tooltip({ tooltip, width }: { tooltip: TooltipState | null; width: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box || !tooltip) return;
    const boxWidth = box.offsetWidth;
    const boxHeight = box.offsetHeight;
    const above = tooltip.y - boxHeight - 8;
    box.style.left = `${Math.max(0, Math.min(tooltip.x - boxWidth / 2, width - boxWidth))}px`;
    box.style.top = `${above >= 0 ? above : tooltip.y + 8}px`;
    box.style.transform = 'none';
  }, [tooltip, width]);
  if (!tooltip) return null;
  return (
    <div ref={ref} className="cskit-tooltip" role="tooltip" style={{ left: tooltip.x, top: tooltip.y }}>
      {tooltip.content}
    </div>
  );
}
