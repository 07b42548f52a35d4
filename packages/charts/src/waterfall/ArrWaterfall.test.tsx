/** @vitest-environment jsdom */
import { arrMovements } from '@cskit/metrics';
import type { ArrWaterfall as Result } from '@cskit/metrics';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ArrWaterfall } from './ArrWaterfall.js';

afterEach(cleanup);

const period = { from: '2025-01', to: '2025-12' };
const data = arrMovements({
  accounts: [{ id: 'a', name: 'A', signedAt: '2024-01-01' }, { id: 'b', name: 'B', signedAt: '2025-03-01' }],
  contracts: [
    { id: 'a1', accountId: 'a', start: '2024-01-01', end: '2025-05-31', arr: 1000 },
    { id: 'b1', accountId: 'b', start: '2025-03-01', end: '2026-02-28', arr: 400 },
  ],
}, { period });

describe('ArrWaterfall', () => {
  it('summarises the movements in words and lists them in the hidden table', () => {
    render(<ArrWaterfall data={data} width={600} />);
    const figure = screen.getByRole('figure');
    expect(figure.textContent).toContain('Opening ARR $1,000, New +$400');
    expect(figure.textContent).toContain('Churn -$1,000');
    expect(figure.textContent).toContain('Net new ARR -$600');
    expect(screen.getByRole('table').textContent).toContain('Closing ARR$400$400');
  });

  it('a movement bar is a button: click and Enter select its accounts', () => {
    const onSelect = vi.fn();
    render(<ArrWaterfall data={data} width={600} onSelect={onSelect} />);
    const churn = screen.getByRole('button', { name: 'Churn: -$1,000, 1 accounts' });
    fireEvent.click(churn);
    expect(onSelect).toHaveBeenLastCalledWith({ label: 'Churn', source: 'arr-waterfall', target: { kind: 'movement', movement: 'churn' } });
    fireEvent.keyDown(screen.getByRole('button', { name: /^New/ }), { key: 'Enter' });
    expect(onSelect).toHaveBeenLastCalledWith({ label: 'New', source: 'arr-waterfall', target: { kind: 'movement', movement: 'new' } });
    // Totals and empty movements are focusable but not buttons.
    expect(screen.getAllByRole('button')).toHaveLength(2);
  });

  it('focus shows the tooltip', () => {
    render(<ArrWaterfall data={data} width={600} />);
    fireEvent.focus(screen.getByRole('img', { name: /^Churn/ }));
    expect(screen.getByRole('tooltip').textContent).toBe('Churn: -$1,000, 1 accounts');
  });

  it('empty data shows the empty state', () => {
    const empty: Result = arrMovements({ accounts: [] }, { period });
    render(<ArrWaterfall data={empty} width={600} />);
    expect(screen.getByRole('status').textContent).toBe('No data for this selection');
  });

  it('narrow: every bar stays named (short labels, staggered if need be); small movements on a zoomed, broken axis', () => {
    // Opening $80M, +$2M new, +$1M expansion, -$1.5M churn: the movements' range ($80M..$83M) is far under 35% of $83M.
    const big: Result = { ...data, opening: 80e6, new: 2e6, expansion: 1e6, reactivation: 0, contraction: 0, churn: -1.5e6, closing: 81.5e6, netNew: 1.5e6 };
    for (const width of [320, 480]) {
      const { container, unmount } = render(<ArrWaterfall data={big} width={width} />);
      const ticks = [...container.querySelectorAll('.cskit-axis text')].map((text) => text.textContent);
      for (const label of ['New', 'Churn']) expect(ticks).toContain(label);
      expect(ticks.filter((text) => /^(Open|Opening ARR|New|Exp\.|Expansion|React\.|Reactivation|Contr\.|Contraction|Churn|Close|Closing ARR)$/.test(text ?? ''))).toHaveLength(7);
      // Floor: the movements' lowest point $80M less max(25% of their $3M range, 2% of $83M) = $80M - $1.66M = $78.34M.
      expect(screen.getByRole('figure').textContent).toContain('Value axis from $78.3M (broken)');
      expect(container.querySelectorAll('.cskit-axis-break')).toHaveLength(3);
      unmount();
    }
    // Movements as large as the totals: the axis starts at zero, no break.
    const { container } = render(<ArrWaterfall data={data} width={320} />);
    expect(container.querySelectorAll('.cskit-axis-break')).toHaveLength(0);
    expect(screen.getByRole('figure').textContent).not.toContain('Value axis from');
  });

  it('zh-CN labels', () => {
    render(<ArrWaterfall data={data} width={600} locale="zh-CN" currency="CNY" />);
    expect(screen.getByRole('figure').textContent).toContain('期初 ARR ¥1,000');
  });
});
