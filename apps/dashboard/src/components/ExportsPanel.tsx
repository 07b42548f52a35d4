/**
 * Exports as they are: a thin UI over `@cskit/import`. The files and the user's choices go to where the data is
 * (the worker); the page shows what was decided (the notes), the first issues by file, line and column, and
 * replaces the data only after a confirmation and only with a valid account. Changing a choice reads again.
 */
import { useState } from 'react';
import type { AppText } from '../i18n.js';
import type { ExportChoices, ExportsReport } from '../import/exports.js';
import type { Importer } from '../import/importer.js';
import { ApplyBar } from './ApplyBar.js';
import { IssueTable } from './IssueTable.js';

const AUTO: ExportChoices = { amount: 'auto', endDate: 'auto', currency: '' };

export function ExportsPanel({ text, importer, onNotice }: { text: AppText; importer: Importer; onNotice: (notice: string) => void }) {
  const [files, setFiles] = useState<File[]>([]);
  const [choices, setChoices] = useState<ExportChoices>(AUTO);
  const [report, setReport] = useState<ExportsReport | null>(null);
  const [reading, setReading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [applying, setApplying] = useState(false);

  const read = async (list: File[], next: ExportChoices) => {
    setFiles(list);
    setChoices(next);
    setConfirming(false);
    setFailure(null);
    if (list.length === 0) { setReport(null); return; }
    setReading(true);
    try {
      setReport(await importer.readExports(list, next));
    } catch (error) {
      setReport(null);
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setReading(false);
    }
  };
  const choose = (patch: Partial<ExportChoices>) => void read(files, { ...choices, ...patch });

  const apply = async () => {
    setApplying(true);
    try {
      await importer.applyExports();
      onNotice(text.imported(report?.accounts ?? 0));
      setFiles([]);
      setReport(null);
    } catch (error) {
      onNotice(`${text.importFailed}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setApplying(false);
      setConfirming(false);
    }
  };

  return (
    <fieldset className="import__exports">
      <legend>{text.exportsTitle}</legend>
      <p className="hint">{text.exportsHint}</p>
      <label className="field">
        {text.exportsFiles}
        <input type="file" multiple accept=".csv,.json,text/csv,application/json" data-exports="" onChange={(event) => void read(Array.from(event.target.files ?? []), choices)} />
      </label>
      <div className="import__fields">
        <label className="field">
          {text.amountUnit}
          <select value={choices.amount} onChange={(event) => choose({ amount: event.target.value as ExportChoices['amount'] })}>
            <option value="auto">{text.amountAuto}</option>
            <option value="arr">{text.amountArr}</option>
            <option value="mrr">{text.amountMrr}</option>
          </select>
        </label>
        <label className="field">
          {text.endDates}
          <select value={choices.endDate} onChange={(event) => choose({ endDate: event.target.value as ExportChoices['endDate'] })}>
            <option value="auto">{text.endAuto}</option>
            <option value="inclusive">{text.endInclusive}</option>
            <option value="exclusive">{text.endExclusive}</option>
          </select>
        </label>
        <label className="field">
          {text.reportingCurrency}
          <input type="text" maxLength={3} size={5} placeholder={text.currencyFromData} value={choices.currency}
            onChange={(event) => setChoices({ ...choices, currency: event.target.value })} onBlur={() => choose({})} />
        </label>
      </div>
      {reading ? <p role="status">{text.readingExports}</p> : null}
      {failure ? <p role="alert" className="error">{`${text.importFailed}: ${failure}`}</p> : null}
      {report ? <ExportsReportView text={text} report={report} /> : null}
      {report ? (
        <ApplyBar text={text} accounts={report.accounts} busy={reading} applying={applying} confirming={confirming} onConfirm={setConfirming} onApply={() => void apply()} />
      ) : null}
    </fieldset>
  );
}

function ExportsReportView({ text, report }: { text: AppText; report: ExportsReport }) {
  const total = report.errors + report.warnings;
  return (
    <section aria-live="polite" className="import__report" aria-label={`${report.files.join(', ')}: ${text.issues(total)}`}>
      <p>{`${text.exportsSummary(report.accounts, report.contracts, report.currency)} `}{total === 0 ? text.noIssues : text.errorsAndWarnings(report.errors, report.warnings)}</p>
      <h3 className="import__heading">{text.decisions}</h3>
      <ul className="import__notes">{report.notes.map((note, i) => <li key={i}>{note}</li>)}</ul>
      {total > 0 ? (
        <IssueTable text={text} total={total} whereHeader={text.column}
          issues={report.first.map((issue) => ({ severity: issue.severity, file: issue.table, line: issue.line, where: issue.column, message: issue.message }))} />
      ) : null}
    </section>
  );
}
