import type { AppText } from '../i18n.js';

/** Replacing the data: only with a valid account, and only after a confirmation. */
export function ApplyBar({ text, accounts, busy, applying, confirming, onConfirm, onApply }: {
  text: AppText; accounts: number; busy: boolean; applying: boolean; confirming: boolean; onConfirm: (confirming: boolean) => void; onApply: () => void;
}) {
  return (
    <div className="import__apply">
      {accounts === 0 ? <p className="hint">{text.noValidAccount}</p> : null}
      {confirming ? (
        <div role="group" aria-label={text.confirmReplace(accounts)} className="import__confirm">
          <span>{text.confirmReplace(accounts)}</span>
          <button type="button" disabled={applying} onClick={onApply}>{text.replace}</button>
          <button type="button" onClick={() => onConfirm(false)}>{text.cancel}</button>
        </div>
      ) : (
        <button type="button" disabled={accounts === 0 || busy} onClick={() => onConfirm(true)}>{text.useImported}</button>
      )}
    </div>
  );
}

