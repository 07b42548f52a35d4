import type { CollectionName } from '@cskit/metrics';
import { useRef, useState } from 'react';
import type { AppText } from '../i18n.js';
import { DATE_FORMATS, isIdentity, shapeKey } from '../import/convert.js';
import type { ColumnMapping, DateFormat } from '../import/convert.js';
import { COLLECTIONS, importFields, TEMPLATES } from '../import/fields.js';
import type { ImportableCollection } from '../import/fields.js';
import type { Importer } from '../import/importer.js';
import type { Inspection } from '../import/parse.js';
import type { ImportReport } from '../import/session.js';
import { ApplyBar, useReplace } from './ApplyBar.js';
import { ExportsPanel } from './ExportsPanel.js';
import { IssueTable } from './IssueTable.js';

/** Where one collection's file is: being mapped, being read (with progress), read, or failed. */
type FileState =
  | { step: 'mapping'; file: File; inspection: Inspection; mapping: ColumnMapping; dateFormat: DateFormat | null }
  | { step: 'reading'; file: File; share: number; rows: number }
  | { step: 'read'; fileName: string }
  | { step: 'failed'; fileName: string; message: string };

/** A remembered mapping for a file shape (the same export next month needs no mapping again). */
function remembered(inspection: Inspection): { mapping: ColumnMapping; dateFormat: DateFormat } | null {
  try {
    const saved = window.localStorage.getItem(shapeKey(inspection.collection, inspection.headers));
    return saved ? (JSON.parse(saved) as { mapping: ColumnMapping; dateFormat: DateFormat }) : null;
  } catch {
    return null;
  }
}

function remember(inspection: Inspection, mapping: ColumnMapping, dateFormat: DateFormat): void {
  try {
    window.localStorage.setItem(shapeKey(inspection.collection, inspection.headers), JSON.stringify({ mapping, dateFormat }));
  } catch {
    // Storage may be off (private mode): the mapping is then asked again next time.
  }
}

/** The collection a file's name points to: `accounts.csv`, `Contracts export.csv`, `nps-2025.json`... */
function collectionOfName(name: string): CollectionName | null {
  const base = name.toLowerCase().replace(/\.[a-z]+$/, '');
  return [...COLLECTIONS].sort((a, b) => b.length - a.length).find((c) => base.includes(c.replace(/s$/, ''))) ?? null;
}

/**
 * Own data: a CSV or JSON file per collection. Each file is inspected and read where the data is (the worker), with
 * its columns mapped to the contract when its headers differ, its date format picked, and progress while it reads;
 * the report counts issues by kind, lists the first ones and offers every one as CSV. The data is replaced only
 * after a confirmation, and only by an import with a valid account.
 */
export function ImportPanel({ text, importer, onUseSample }: { text: AppText; importer: Importer; onUseSample: () => void }) {
  const [files, setFiles] = useState<Partial<Record<CollectionName, FileState>>>({});
  const [report, setReport] = useState<ImportReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { confirming, setConfirming, applying, replace } = useReplace(text, setNotice);
  const calls = useRef(0);
  const setFile = (collection: CollectionName, state: FileState | null) =>
    setFiles((current) => {
      const next = { ...current };
      if (state === null) delete next[collection];
      else next[collection] = state;
      return next;
    });
  // Reports arrive in the order the worker finishes; each holds every file read by then, so the last one wins.
  const takeReport = (next: ImportReport | null) => {
    calls.current += 1;
    setReport(next);
    setConfirming(false);
  };

  const read = async (collection: CollectionName, file: File, inspection: Inspection, mapping: ColumnMapping, dateFormat: DateFormat) => {
    remember(inspection, mapping, dateFormat);
    setFile(collection, { step: 'reading', file, share: 0, rows: 0 });
    try {
      const next = await importer.read(collection, file, { mapping, dateFormat }, (share, rows) => setFile(collection, { step: 'reading', file, share, rows }));
      setFile(collection, { step: 'read', fileName: file.name });
      takeReport(next);
    } catch (error) {
      setFile(collection, { step: 'failed', fileName: file.name, message: error instanceof Error ? error.message : String(error) });
    }
  };

  const choose = async (collection: CollectionName, file: File | undefined) => {
    setNotice(null);
    if (!file) return;
    try {
      const inspection = await importer.inspect(collection, file);
      if (inspection.problem) {
        setFile(collection, { step: 'failed', fileName: file.name, message: inspection.problem });
        takeReport(await importer.remove(collection));
        return;
      }
      const saved = remembered(inspection);
      const mapping = saved?.mapping ?? inspection.mapping;
      const dateFormat = saved?.dateFormat ?? inspection.dateFormat;
      const plain = inspection.format === 'json' || (isIdentity(mapping, inspection.headers) && dateFormat === 'iso');
      if (plain) await read(collection, file, inspection, mapping, 'iso');
      else setFile(collection, { step: 'mapping', file, inspection, mapping, dateFormat });
    } catch (error) {
      setFile(collection, { step: 'failed', fileName: file.name, message: error instanceof Error ? error.message : String(error) });
    }
  };

  const chooseMany = (list: FileList | null) => {
    const unknown: string[] = [];
    for (const file of Array.from(list ?? [])) {
      const collection = collectionOfName(file.name);
      if (collection) void choose(collection, file);
      else unknown.push(file.name);
    }
    setNotice(unknown.length > 0 ? unknown.map(text.unknownCollection).join(' ') : null);
  };

  const remove = async (collection: CollectionName) => {
    setFile(collection, null);
    takeReport(await importer.remove(collection));
  };

  const download = async () => {
    const csv = await importer.reportCsv();
    const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'import-report.csv';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  const apply = () => replace(() => importer.apply(), report?.accepted.accounts ?? 0, () => {
    setFiles({});
    takeReport(null);
  });

  const accounts = report?.accepted.accounts ?? 0;
  const busy = Object.values(files).some((state) => state?.step === 'reading' || state?.step === 'mapping');
  return (
    <div className="import">
      <ExportsPanel text={text} importer={importer} onNotice={setNotice} />
      <h3 className="import__heading">{text.exportsOr}</h3>
      <p>{text.importHint}</p>
      <label className="import__many">
        {text.addFiles}
        <input type="file" multiple accept=".csv,.json,text/csv,application/json" data-collection="*" onChange={(event) => chooseMany(event.target.files)} />
        <span className="hint">{text.addFilesHint}</span>
      </label>
      <ul className="import__files">
        {COLLECTIONS.map((collection) => (
          <FileRow
            key={collection} text={text} collection={collection} state={files[collection]}
            onChoose={(file) => void choose(collection, file)} onRemove={() => void remove(collection)}
            onPatch={(state) => setFile(collection, state)}
            onRead={(state) => void read(collection, state.file, state.inspection, state.mapping, state.dateFormat ?? 'iso')}
          />
        ))}
      </ul>
      {notice ? <p role="status" className="import__notice">{notice}</p> : null}
      {report ? <ImportReportView text={text} report={report} onDownload={() => void download()} /> : null}
      {report ? (
        <ApplyBar text={text} accounts={accounts} busy={busy} applying={applying} confirming={confirming} onConfirm={setConfirming} onApply={() => void apply()} />
      ) : null}
      <button type="button" className="link" onClick={onUseSample}>{text.useSample}</button>
    </div>
  );
}

type MappingState = Extract<FileState, { step: 'mapping' }>;

/** One collection's file: its input and template, then its progress, its status or its column mapping. */
function FileRow({ text, collection, state, onChoose, onRemove, onPatch, onRead }: {
  text: AppText; collection: ImportableCollection; state: FileState | undefined; onChoose: (file: File | undefined) => void; onRemove: () => void;
  onPatch: (state: FileState | null) => void; onRead: (state: MappingState) => void;
}) {
  const templateHref = `data:text/csv;charset=utf-8,${encodeURIComponent(TEMPLATES[collection])}`;
  return (
    <li className={state?.step === 'mapping' ? 'import__file--mapping' : undefined}>
      <label>
        <span className="import__name">{`${collection}${collection === 'accounts' ? ' *' : ''}`}</span>
        <input type="file" accept=".csv,.json,text/csv,application/json" data-collection={collection}
          onChange={(event) => { onChoose(event.target.files?.[0]); event.target.value = ''; }} />
      </label>
      <a href={templateHref} download={`${collection}.csv`}>{`${text.template}: ${collection}.csv`}</a>
      {state?.step === 'reading' ? (
        <span className="import__progress">
          <progress aria-label={text.reading(state.file.name)} max={1} value={state.share} />
          {text.rowsRead(state.rows)}
        </span>
      ) : null}
      {state?.step === 'read' || state?.step === 'failed' ? (
        <span className="import__status">
          {state.step === 'failed' ? <span role="alert" className="error">{`${state.fileName}: ${state.message}`}</span> : state.fileName}
          <button type="button" className="link" onClick={onRemove}>{text.remove}</button>
        </span>
      ) : null}
      {state?.step === 'mapping' ? (
        <MappingForm
          text={text} state={state} onChange={(patch) => onPatch({ ...state, ...patch })} onRead={() => onRead(state)} onCancel={() => onPatch(null)}
        />
      ) : null}
    </li>
  );
}

function MappingForm({ text, state, onChange, onRead, onCancel }: {
  text: AppText; state: Extract<FileState, { step: 'mapping' }>;
  onChange: (patch: { mapping?: ColumnMapping; dateFormat?: DateFormat }) => void; onRead: () => void; onCancel: () => void;
}) {
  const { inspection, mapping, dateFormat } = state;
  const fields = importFields(inspection.collection);
  const missing = fields.some((f) => f.required && !mapping[f.field]);
  const hasDates = fields.some((f) => (f.type === 'date' || f.type === 'month') && mapping[f.field]);
  const formatLabel: Record<DateFormat, string> = { iso: text.dateIso, mdy: text.dateMdy, dmy: text.dateDmy };
  return (
    <fieldset className="import__mapping">
      <legend>{text.mapColumns(inspection.fileName)}</legend>
      <p className="hint">{text.mapHint}</p>
      <div className="import__fields">
        {fields.map(({ field, required }) => (
          <label key={field} className="field">
            {`${field}${required ? ' *' : ''}`}
            <select value={mapping[field] ?? ''} onChange={(event) => onChange({ mapping: { ...mapping, [field]: event.target.value || null } })}>
              <option value="">{`— ${text.notImported}`}</option>
              {inspection.headers.map((header) => <option key={header} value={header}>{header}</option>)}
            </select>
          </label>
        ))}
      </div>
      {hasDates ? (
        <label className="field">
          {text.dateFormat}
          <select value={dateFormat ?? ''} onChange={(event) => onChange({ dateFormat: event.target.value as DateFormat })}>
            {dateFormat === null ? <option value="">—</option> : null}
            {DATE_FORMATS.map((format) => <option key={format} value={format}>{formatLabel[format]}</option>)}
          </select>
          {dateFormat === null ? <span className="hint">{text.dateAmbiguous}</span> : null}
        </label>
      ) : null}
      <div className="import__actions">
        <button type="button" disabled={missing || (hasDates && dateFormat === null)} onClick={onRead}>{text.readFile}</button>
        <button type="button" onClick={onCancel}>{text.cancel}</button>
      </div>
    </fieldset>
  );
}

function ImportReportView({ text, report, onDownload }: { text: AppText; report: ImportReport; onDownload: () => void }) {
  const total = report.errors + report.warnings;
  const counts = Object.entries(report.accepted).map(([collection, count]) => `${collection} ${count.toLocaleString()}`).join(', ');
  return (
    <section aria-live="polite" className="import__report" aria-label={text.issues(total)}>
      <p>{`${text.accepted(counts)} `}{total === 0 ? text.noIssues : text.errorsAndWarnings(report.errors, report.warnings)}</p>
      {report.contractsFromSubscriptions > 0 ? <p>{text.contractsFromPlans(report.contractsFromSubscriptions)}</p> : null}
      {report.byKind.length > 1 ? (
        <table className="import__kinds">
          <caption>{text.byKind}</caption>
          <thead><tr><th scope="col">{text.file}</th><th scope="col">{text.field}</th><th scope="col">{text.message}</th><th scope="col">{text.count}</th></tr></thead>
          <tbody>
            {report.byKind.slice(0, 20).map((kind, i) => (
              <tr key={i}><td>{kind.file}</td><td>{kind.field ?? ''}</td><td>{kind.pattern}</td><td>{kind.count.toLocaleString()}</td></tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {total > 0 ? (
        <IssueTable text={text} total={total} whereHeader={text.field}
          issues={report.first.map((issue) => ({ severity: issue.severity, file: issue.file, line: issue.line, where: issue.field, message: issue.message }))} />
      ) : null}
      {total > report.first.length ? <button type="button" onClick={onDownload}>{text.downloadReport}</button> : null}
    </section>
  );
}
