/**
 * Exports as they are: a thin UI over `@cskit/import`. The files and the user's choices go to where the data is
 * (the worker); the page shows what was decided (the notes, each table's collection and columns, which the user can
 * change), the first issues by file, line and column, and replaces the data only after a confirmation and only with a
 * valid account. Changing a choice reads again.
 */
import { importFields } from '@cskit/import';
import type { ImportCollection, TableMapping } from '@cskit/import';
import { useState } from 'react';
import type { AppText } from '../i18n.js';
import { AUTO_CHOICES } from '../import/exports.js';
import type { ExportChoices, ExportsReport } from '../import/exports.js';
import { COLLECTIONS } from '../import/fields.js';
import type { Importer } from '../import/importer.js';
import { ApplyBar, useReplace } from './ApplyBar.js';
import { IssueTable } from './IssueTable.js';

const READ_AS: readonly ImportCollection[] = ['subscriptions', ...COLLECTIONS];

export function ExportsPanel({ text, importer, onNotice }: { text: AppText; importer: Importer; onNotice: (notice: string) => void }) {
  const [files, setFiles] = useState<File[]>([]);
  const [choices, setChoices] = useState<ExportChoices>(AUTO_CHOICES);
  const [report, setReport] = useState<ExportsReport | null>(null);
  const [reading, setReading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const { confirming, setConfirming, applying, replace } = useReplace(text, onNotice);

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

  const apply = () => replace(() => importer.applyExports(), report?.accounts ?? 0, () => {
    setFiles([]);
    setReport(null);
  });

  return (
    <fieldset className="import__exports">
      <legend>{text.exportsTitle}</legend>
      <p className="hint">{text.exportsHint}</p>
      <label className="field">
        {text.exportsFiles}
        <input type="file" multiple accept=".csv,.json,text/csv,application/json" data-exports="" onChange={(event) => void read(Array.from(event.target.files ?? []), { ...choices, mapping: null })} />
      </label>
      <ChoicesForm text={text} choices={choices} onDraft={setChoices} onChoose={(patch) => void read(files, { ...choices, ...patch })} />
      {reading ? <p role="status">{text.readingExports}</p> : null}
      {failure ? <p role="alert" className="error">{`${text.importFailed}: ${failure}`}</p> : null}
      {report ? (
        <MappingEditor text={text} report={report} edited={choices.mapping !== null}
          onChange={(mapping) => void read(files, { ...choices, mapping })} />
      ) : null}
      {report ? <ExportsReportView text={text} report={report} /> : null}
      {report ? (
        <ApplyBar text={text} accounts={report.accounts} busy={reading} applying={applying} confirming={confirming} onConfirm={setConfirming} onApply={() => void apply()} />
      ) : null}
    </fieldset>
  );
}

/** The choices the data cannot settle; text fields read again when they lose focus. */
function ChoicesForm({ text, choices, onDraft, onChoose }: {
  text: AppText; choices: ExportChoices; onDraft: (choices: ExportChoices) => void; onChoose: (patch: Partial<ExportChoices>) => void;
}) {
  return (
    <div className="import__fields">
      <label className="field">
        {text.amountUnit}
        <select value={choices.amount} onChange={(event) => onChoose({ amount: event.target.value as ExportChoices['amount'] })}>
          <option value="auto">{text.amountAuto}</option>
          <option value="arr">{text.amountArr}</option>
          <option value="mrr">{text.amountMrr}</option>
        </select>
      </label>
      <label className="field">
        {text.endDates}
        <select value={choices.endDate} onChange={(event) => onChoose({ endDate: event.target.value as ExportChoices['endDate'] })}>
          <option value="auto">{text.endAuto}</option>
          <option value="inclusive">{text.endInclusive}</option>
          <option value="exclusive">{text.endExclusive}</option>
        </select>
      </label>
      <label className="field">
        {text.dateFormat}
        <select value={choices.dateFormat} onChange={(event) => onChoose({ dateFormat: event.target.value as ExportChoices['dateFormat'] })}>
          <option value="auto">{text.endAuto}</option>
          <option value="YYYY-MM-DD">{text.dateIso}</option>
          <option value="M/D/YYYY">{text.dateMdy}</option>
          <option value="D/M/YYYY">{text.dateDmy}</option>
        </select>
      </label>
      <label className="field">
        {text.reportingCurrency}
        <input type="text" maxLength={3} size={5} placeholder={text.currencyFromData} value={choices.currency}
          onChange={(event) => onDraft({ ...choices, currency: event.target.value })} onBlur={() => onChoose({})} />
      </label>
      <label className="field">
        {text.rates}
        <input type="text" size={22} placeholder={text.ratesPlaceholder} value={choices.rates}
          onChange={(event) => onDraft({ ...choices, rates: event.target.value })} onBlur={() => onChoose({})} />
      </label>
    </div>
  );
}

/** Each table's collection and each column's field, as read; a change reads every file again with the edited mapping. */
function MappingEditor({ text, report, edited, onChange }: {
  text: AppText; report: ExportsReport; edited: boolean; onChange: (mapping: Record<string, TableMapping> | null) => void;
}) {
  const tables = Object.entries(report.mapping);
  if (tables.length === 0) return null;
  const change = (table: string, next: TableMapping) => onChange({ ...report.mapping, [table]: next });
  return (
    <details className="import__tables">
      <summary>{text.tablesAndColumns}</summary>
      {tables.map(([table, mapping]) => (
        <fieldset key={table} className="import__mapping">
          <legend>{table}</legend>
          <label className="field">
            {text.tableReadAs(table)}
            <select value={mapping.collection} onChange={(event) => change(table, { collection: event.target.value as ImportCollection, columns: {} })}>
              {READ_AS.map((collection) => <option key={collection} value={collection}>{collection}</option>)}
            </select>
          </label>
          <div className="import__fields">
            {(report.columns[table] ?? []).map((column) => (
              <label key={column} className="field">
                {text.columnFeeds(column)}
                <select value={Object.prototype.hasOwnProperty.call(mapping.columns, column) ? mapping.columns[column] : ''}
                  onChange={(event) => change(table, { collection: mapping.collection, columns: withColumn(mapping.columns, column, event.target.value) })}>
                  <option value="">{`— ${text.notImported}`}</option>
                  {importFields(mapping.collection).map(({ field, required }) => <option key={field} value={field}>{`${field}${required ? ' *' : ''}`}</option>)}
                </select>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      {edited ? <button type="button" className="link" onClick={() => onChange(null)}>{text.resetMapping}</button> : null}
    </details>
  );
}

/** A table's columns with `column` feeding `field` ('' : not imported); own properties only. */
function withColumn(columns: Readonly<Record<string, string>>, column: string, field: string): Record<string, string> {
  const next: Record<string, string> = {};
  for (const [name, value] of Object.entries(columns)) if (name !== column) Object.defineProperty(next, name, { value, enumerable: true, writable: true, configurable: true });
  if (field !== '') Object.defineProperty(next, column, { value: field, enumerable: true, writable: true, configurable: true });
  return next;
}

function ExportsReportView({ text, report }: { text: AppText; report: ExportsReport }) {
  const total = report.errors + report.warnings;
  return (
    <section aria-live="polite" className="import__report" aria-label={`${report.files.join(', ')}: ${text.issues(total)}`}>
      <p>{`${text.exportsSummary(report.accounts, report.contracts, report.currency)} `}{total === 0 ? text.noIssues : text.errorsAndWarnings(report.errors, report.warnings)}</p>
      {report.rateProblems.length > 0 ? <p role="alert" className="error">{text.ratesNotRead(report.rateProblems.join(', '))}</p> : null}
      <h3 className="import__heading">{text.decisions}</h3>
      <ul className="import__notes">{report.notes.map((note, i) => <li key={i}>{note}</li>)}</ul>
      {total > 0 ? (
        <IssueTable text={text} total={total} whereHeader={text.column}
          issues={report.first.map((issue) => ({ severity: issue.severity, file: issue.table, line: issue.line, where: issue.column, message: issue.message }))} />
      ) : null}
    </section>
  );
}
