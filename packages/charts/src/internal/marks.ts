import type { FocusEvent, KeyboardEvent, MouseEvent } from 'react';

export interface MarkOptions {
  /** The mark's accessible name: what it is and its value, in words. */
  label: string;
  /** Picks the mark (click, Enter or Space); without it the mark is focusable but not a button. */
  onActivate?: (() => void) | undefined;
  /** Shows the tooltip at a point relative to the chart's wrapper. */
  onShow?: (() => void) | undefined;
  onHide?: (() => void) | undefined;
}

/**
 * Props that make an SVG mark keyboard reachable: in the tab order, named for screen readers, with a visible focus
 * ring (`.cskit-mark:focus-visible` in styles.css) and the same tooltip on focus as on hover.
 */
export function markProps({ label, onActivate, onShow, onHide }: MarkOptions) {
  return {
    tabIndex: 0,
    role: onActivate ? 'button' : 'img',
    'aria-label': label,
    className: onActivate ? 'cskit-mark cskit-mark--selectable' : 'cskit-mark',
    onClick: onActivate ? (event: MouseEvent) => { event.stopPropagation(); onActivate(); } : undefined,
    onKeyDown: onActivate
      ? (event: KeyboardEvent) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            onActivate();
          }
        }
      : undefined,
    onFocus: onShow ? (_event: FocusEvent) => onShow() : undefined,
    onBlur: onHide,
    onMouseEnter: onShow,
    onMouseLeave: onHide,
  } as const;
}
