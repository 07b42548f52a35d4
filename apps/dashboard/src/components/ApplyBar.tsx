import { useState } from 'react';
import type { AppText } from '../i18n.js';

/**
 * The replacing step both import paths share: confirm, then `load` where the data is; the notice says what happened,
 * and a failed load leaves the data as it was.
 */
export function useReplace(text: AppText, onNotice: (notice: string) => void) {
  const [confirming, setConfirming] = useState(false);
  const [applying, setApplying] = useState(false);
  const replace = async (load: () => Promise<void>, accounts: number, done: () => void) => {
    setApplying(true);
    try {
      await load();
      onNotice(text.imported(accounts));
      done();
    } catch (error) {
      onNotice(`${text.importFailed}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setApplying(false);
      setConfirming(false);
    }
  };
  return { confirming, setConfirming, applying, replace };
}

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

