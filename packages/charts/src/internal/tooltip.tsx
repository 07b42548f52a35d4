import { useCallback, useState } from 'react';
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

export function Tooltip({ tooltip }: { tooltip: TooltipState | null }) {
  if (!tooltip) return null;
  return (
    <div className="cskit-tooltip" role="tooltip" style={{ left: tooltip.x, top: tooltip.y }}>
      {tooltip.content}
    </div>
  );
}
