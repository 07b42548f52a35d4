import type { CollectionName, DataIssue } from '@cskit/metrics';
import { validateDataset } from '@cskit/metrics';
import { useState } from 'react';
import type { AppText } from '../i18n.js';
import { COLLECTIONS, locate, rawDataset, readImportFile, TEMPLATES } from '../import.js';
import type { ImportedFile } from '../import.js';

/**
 * Own data: pick a CSV or JSON file per collection, see every issue with file, row and field, then use the valid
 * rows. Templates show the expected columns.
 */
export function ImportPanel({ text, onUseSample, onUseImported }: { text: AppText; onUseSample: () => void; onUseImported: (raw: unknown) => void }) {
  const [files, setFiles] = useState<ImportedFile[]>([]);
  const [issues, setIssues] = useState<DataIssue[] | null>(null);
  const [summary, setSummary] = useState<string | null>(null);

  const check = (next: ImportedFile[]) => {
    setFiles(next);
    if (!next.some((file) => file.collection === 'accounts')) {
      setIssues(null);
      return;
    }
    const { dataset, issues: found } = validateDataset(rawDataset(next));
    setIssues([...next.flatMap((file) => file.parseIssues), ...found]);
    setSummary(text.imported(dataset.accounts.length));
  };
  const onFile = async (collection: CollectionName, file: File | undefined) => {
    const rest = files.filter((f) => f.collection !== collection);
    check(file ? [...rest, await readImportFile(collection, file)] : rest);
  };
  const templateHref = (collection: CollectionName) => `data:text/csv;charset=utf-8,${encodeURIComponent(TEMPLATES[collection])}`;

  return (
    <div className="import">
      <p>{text.importHint}</p>
      <ul className="import__files">
        {COLLECTIONS.map((collection) => (
          <li key={collection}>
            <label>
              <span className="import__name">{`${collection}${collection === 'accounts' ? ' *' : ''}`}</span>
              <input type="file" accept=".csv,.json,text/csv,application/json" data-collection={collection}
                onChange={(event) => void onFile(collection, event.target.files?.[0])} />
            </label>
            <a href={templateHref(collection)} download={`${collection}.csv`}>{`${text.template}: ${collection}.csv`}</a>
          </li>
        ))}
      </ul>
      {issues ? (
        <section aria-live="polite" className="import__report" aria-label={text.issues(issues.length)}>
          <p>{summary} {issues.length === 0 ? text.noIssues : text.issues(issues.length)}</p>
          {issues.length > 0 ? (
            <table>
              <thead><tr><th scope="col">{text.severity}</th><th scope="col">{text.file}</th><th scope="col">{text.row}</th><th scope="col">{text.field}</th><th scope="col">{text.message}</th></tr></thead>
              <tbody>
                {issues.map((issue, i) => {
                  const where = locate(issue, files);
                  return (
                    <tr key={i} className={`issue issue--${issue.severity}`}>
                      <td>{issue.severity === 'error' ? text.error : text.warning}</td>
                      <td>{where.file}</td>
                      <td>{where.row}</td>
                      <td>{issue.field ?? ''}</td>
                      <td>{issue.message}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : null}
          <button type="button" onClick={() => onUseImported(rawDataset(files))}>{text.useImported}</button>
        </section>
      ) : null}
      <button type="button" className="link" onClick={onUseSample}>{text.useSample}</button>
    </div>
  );
}
