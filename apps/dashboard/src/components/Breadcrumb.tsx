import { useRows, useSelection } from '@cskit/react';
import type { AppText } from '../i18n.js';

/** Where the accounts table's rows come from: all accounts, or a chart's drill-down with a way back. */
export function Breadcrumb({ text }: { text: AppText }) {
  const { selection, clear } = useSelection();
  // The drill-down's size: the accounts row set narrowed to it, counted where the data is (no rows sent).
  const count = useRows('accounts', { limit: 0 }).data?.total;
  return (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <ol>
        <li>{selection ? <button type="button" className="link" onClick={clear}>{text.allAccounts}</button> : <span aria-current="page">{text.allAccounts}</span>}</li>
        {selection ? (
          <li>
            <span aria-current="page">{`${selection.label} (${count ?? '…'})`}</span>
            <button type="button" className="chip" onClick={clear} aria-label={text.clearSelection}>×</button>
          </li>
        ) : null}
      </ol>
    </nav>
  );
}
