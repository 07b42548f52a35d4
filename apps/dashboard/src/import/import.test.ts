import { validateDataset } from '@cskit/metrics';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guessDateFormat, guessMapping, isIdentity, toIsoDate, toIsoMonth, toNumber } from './convert.js';
import type { ColumnMapping, DateFormat } from './convert.js';
import { COLLECTIONS, TEMPLATES } from './fields.js';
import { inspectText, parseFile, textProblem } from './parse.js';
import { ImportSession, patternOf, SHOWN_ISSUES } from './session.js';
import { AUTO_CHOICES, MAX_EXPORT_BYTES, optionsOf, parseRates } from './exports.js';
import { importSteps } from './importer.js';
import type { CollectionName } from '@cskit/metrics';

const read = async (collection: CollectionName, fileName: string, text: string, options: { mapping?: ColumnMapping; dateFormat?: DateFormat } = {}) => {
  const inspection = inspectText(collection, fileName, text);
  return parseFile(collection, fileName, text, { mapping: options.mapping ?? inspection.mapping, dateFormat: options.dateFormat ?? inspection.dateFormat ?? 'iso' });
};

describe('cells to values', () => {
  it('dates in the picked format, without Date; months from months or dates', () => {
    expect(toIsoDate('2024-03-05', 'iso')).toEqual({ value: '2024-03-05' });
    expect(toIsoDate('2024/3/5', 'iso')).toEqual({ value: '2024-03-05' });
    expect(toIsoDate('3/5/2024', 'mdy')).toEqual({ value: '2024-03-05' });
    expect(toIsoDate('3/5/2024', 'dmy')).toEqual({ value: '2024-05-03' });
    expect(toIsoDate('05.03.2024', 'dmy')).toEqual({ value: '2024-03-05' });
    expect(toIsoDate('3/5/2024', 'iso')).toEqual({ error: "'3/5/2024' is not a date in the form YYYY-MM-DD" });
    expect(toIsoMonth('2025-1', 'iso')).toEqual({ value: '2025-01' });
    expect(toIsoMonth('1/31/2025', 'mdy')).toEqual({ value: '2025-01' });
  });

  it('numbers are decimals or amounts as exports print them; hex, other separators and Infinity are issues', () => {
    expect(toNumber('1000')).toEqual({ value: 1000 });
    expect(toNumber('-12.5e2')).toEqual({ value: -1250 });
    expect(toNumber('1,000')).toEqual({ value: 1000 });
    expect(toNumber('$1,200.50')).toEqual({ value: 1200.5 });
    for (const bad of ['0x3E8', '1 000', '1.200,50', 'Infinity', '12abc', '0b11']) expect(toNumber(bad)).toHaveProperty('error');
    expect(toNumber('1e400')).toEqual({ error: "'1e400' is too large a number" });
  });

  it('guesses the date format only when the samples decide it', () => {
    expect(guessDateFormat(['2024-01-31'])).toBe('iso');
    expect(guessDateFormat(['31/01/2024', '02/03/2024'])).toBe('dmy');
    expect(guessDateFormat(['01/31/2024'])).toBe('mdy');
    expect(guessDateFormat(['01/02/2024'])).toBeNull();
    // A shifted row can put text in a date column: only date-like cells decide.
    expect(guessDateFormat([' Inc.', '2024-01-01'])).toBe('iso');
  });

  it('maps the headers of real exports to the contract', () => {
    const mapping = guessMapping('accounts', ['Account ID', 'Account Name', 'Customer Since', 'CSM Owner', 'Tier', 'Plan Start', 'ARR']);
    expect(mapping).toMatchObject({ id: 'Account ID', name: 'Account Name', signedAt: 'Customer Since', csmId: 'CSM Owner', segment: 'Tier', subscriptionStart: 'Plan Start', subscriptionArr: 'ARR' });
    expect(guessMapping('contracts', ['id', 'accountId', 'start', 'end', 'arr'])).toMatchObject({ id: 'id', accountId: 'accountId', start: 'start', end: 'end', arr: 'arr' });
    expect(isIdentity({ id: 'id', name: 'name' }, ['id', 'name'])).toBe(true);
  });
});

describe('reading files (the cases of issue 15)', () => {
  it('every template reads and validates with no issue', async () => {
    const session = new ImportSession();
    for (const collection of COLLECTIONS) session.set(await read(collection, `${collection}.csv`, TEMPLATES[collection]));
    const { report } = session.validate();
    expect(report.errors + report.warnings).toBe(0);
    expect(report.accepted.accounts).toBe(1);
  });

  it('a row longer than its header (an unquoted comma) is an issue with its line, never a crash', async () => {
    const file = await read('accounts', 'accounts.csv', 'id,name,signedAt\nacc-1,Acme, Inc.,2024-01-01\nacc-2,Beta,2024-02-01\nacc-3,Short\n');
    expect(file.records.map((r) => r.id)).toEqual(['acc-2']);
    expect(file.issues.map((i) => [i.line, i.message])).toEqual([
      [2, expect.stringMatching(/^this row has 4 fields but the header has 3 \(an unquoted comma/)],
      [4, expect.stringMatching(/^this row has 2 fields but the header has 3/)],
    ]);
  });

  it('binary bytes and empty files are named as such; a header without rows is a warning', async () => {
    expect(textProblem('\u0000\u0001PK\u0003')).toMatch(/not text/);
    expect(textProblem('   \n')).toBe('the file is empty');
    expect(inspectText('accounts', 'a.csv', '').problem).toBe('the file is empty');
    const headerOnly = await read('accounts', 'a.csv', 'id,name,signedAt\n');
    expect(headerOnly.issues).toEqual([{ severity: 'warning', file: 'a.csv', collection: 'accounts', line: 0, field: null, message: 'the file has a header but no rows' }]);
  });

  it('hex numbers are refused with the line and field; the row is reported, not read as 1000', async () => {
    const file = await read('contracts', 'c.csv', 'id,accountId,start,end,arr\nk1,a,2024-01-01,2024-12-31,0x3E8\n');
    expect(file.records).toEqual([]);
    expect(file.issues[0]).toMatchObject({ line: 2, field: 'arr', message: expect.stringMatching(/^'0x3E8' is not a number/) });
  });

  it('a contract without an end (an open-ended subscription) is accepted', async () => {
    const session = new ImportSession();
    session.set(await read('accounts', 'a.csv', 'id,name,signedAt\na,Acme,2024-01-01\n'));
    session.set(await read('contracts', 'c.csv', 'id,accountId,start,end,arr\nk1,a,2024-01-01,,1200\n'));
    const { dataset, report } = session.validate();
    expect(report.errors).toBe(0);
    expect(dataset.contracts).toEqual([{ id: 'k1', accountId: 'a', start: '2024-01-01', arr: 1200 }]);
  });

  it('a real export: other headers, m/d/yyyy dates, plans on the accounts file become contracts', async () => {
    const csv = 'Account ID,Account Name,Customer Since,Tier,Plan Start,Plan End,ARR\nA-1,Acme,3/15/2024,KA,3/15/2024,3/14/2025,"120000"\nA-2,Beta,12/1/2024,SMB,12/1/2024,,9000\n';
    const inspection = inspectText('accounts', 'export.csv', csv);
    expect(inspection.dateFormat).toBe('mdy');
    const session = new ImportSession();
    session.set(await parseFile('accounts', 'export.csv', csv, { mapping: inspection.mapping, dateFormat: 'mdy' }));
    const { dataset, report } = session.validate();
    expect(report.errors).toBe(0);
    expect(report.contractsFromSubscriptions).toBe(2);
    expect(dataset.accounts.map((a) => [a.id, a.signedAt, a.segment])).toEqual([['A-1', '2024-03-15', 'KA'], ['A-2', '2024-12-01', 'SMB']]);
    expect(dataset.contracts).toEqual([
      { id: 'A-1-subscription', accountId: 'A-1', start: '2024-03-15', end: '2025-03-14', arr: 120000 },
      { id: 'A-2-subscription', accountId: 'A-2', start: '2024-12-01', arr: 9000 },
    ]);
  });

  it('a file with no valid account is reported as such (nothing to load)', async () => {
    const session = new ImportSession();
    session.set(await read('accounts', 'a.csv', 'id,name,signedAt\na,,2024-01-01\n'));
    expect(session.validate().report.accepted.accounts).toBe(0);
  });

  it('65,000 bad rows: counted by kind, the first 100 listed, every one in the downloadable report', async () => {
    const rows = Array.from({ length: 65_000 }, (_, i) => `acc-${i},Acme ${i},2024-02-30`).join('\n');
    const session = new ImportSession();
    session.set(await read('accounts', 'big.csv', `id,name,signedAt\n${rows}\n`));
    const { report } = session.validate();
    expect(report.errors).toBe(65_000);
    expect(report.first).toHaveLength(SHOWN_ISSUES);
    expect(report.byKind).toHaveLength(1);
    expect(report.byKind[0]).toMatchObject({ file: 'big.csv', field: 'signedAt', count: 65_000 });
    expect(session.issuesCsv().trim().split('\r\n')).toHaveLength(65_001);
  });

  it('issues keep their file lines through validation; kinds ignore the values', async () => {
    const session = new ImportSession();
    session.set(await read('accounts', 'accounts.csv', 'id,name,signedAt\na,Acme,2024-01-01\nb,Beta,2024-02-30\nc,,2024-03-01\n'));
    session.set(await read('contracts', 'my-contracts.csv', 'id,accountId,start,end,arr\nk1,a,2024-01-01,2024-12-31,1200\nk2,zz,2024-01-01,2024-12-31,5\n'));
    const { issues } = session.validate();
    expect(issues.map((i) => [i.file, i.line, i.field])).toEqual([
      ['accounts.csv', 3, 'signedAt'], ['accounts.csv', 4, 'name'], ['my-contracts.csv', 3, 'accountId'],
    ]);
    expect(patternOf("'2024-02-30' is not a valid date (day 30)")).toBe('… is not a valid date (day n)');
  });
});

describe('fuzz: no input breaks the import or the numbers', () => {
  const cell = fc.oneof(
    fc.string(), fc.constantFrom('toString', '__proto__', 'constructor', '0x3E8', '1e308', '-0', 'NaN', '2024-02-30', '="1+1"', 'Acme;=1+1', '\u0000', ''),
  );
  it('any rows in any column of an accounts and a contracts file: issues with lines, valid data stays valid', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.array(cell, { minLength: 0, maxLength: 7 }), { maxLength: 12 }),
      fc.array(fc.array(cell, { minLength: 0, maxLength: 7 }), { maxLength: 12 }),
      async (accountRows, contractRows) => {
        const csv = (header: string, rows: string[][]) => `${header}\n${rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n')}\n`;
        const session = new ImportSession();
        session.set(await read('accounts', 'a.csv', csv('id,name,signedAt,segment', accountRows)));
        session.set(await read('contracts', 'c.csv', csv('id,accountId,start,end,arr,currency', contractRows)));
        const { dataset, issues } = session.validate();
        for (const issue of issues) expect(issue.line).toBeGreaterThanOrEqual(0);
        // What the session accepted is a dataset validateDataset accepts as it is.
        expect(validateDataset(dataset).issues.filter((i) => i.severity === 'error')).toEqual([]);
      },
    ), { numRuns: 60 });
  });
});

describe('exports as they are (@cskit/import behind the panel)', () => {
  it('passes the choices on, reports counts, notes and located issues, and applies only a valid import', async () => {
    expect(optionsOf({ ...AUTO_CHOICES, currency: ' ' })).toEqual({});
    expect(optionsOf({ ...AUTO_CHOICES, amount: 'mrr', endDate: 'exclusive', currency: 'gbp', dateFormat: 'D/M/YYYY', rates: 'eur=1.1; USD 0.9, x' })).toEqual({
      amount: 'mrr', endDate: 'exclusive', currency: 'GBP', dateFormat: 'D/M/YYYY', fxRates: { EUR: 1.1, USD: 0.9 },
    });
    expect(parseRates('EUR=1.1, bad, JPY:0').problems).toEqual(['bad', 'JPY:0']);
    const loads: Array<{ accounts: number; files: string[] }> = [];
    const steps = importSteps((dataset, files) => loads.push({ accounts: dataset.accounts.length, files }));
    const csv = 'customer,start,amount\nC1,2025-01-01,100\nC2,2025-13-01,100\n';
    const report = await steps.readExports([new File([csv], 'billing.csv')], { ...AUTO_CHOICES, amount: 'mrr', currency: 'EUR' });
    // billing.csv says nothing of its collection: its columns fit subscriptions. 100 a month (the amount option) = 1,200.
    // The impossible month is refused where it is read: one error, naming its line and column; no account from it.
    expect(report).toMatchObject({ files: ['billing.csv'], accounts: 1, contracts: 1, currency: 'EUR', errors: 1 });
    expect(report.first[0]).toMatchObject({ table: 'billing.csv', line: 3, column: 'start' });
    expect(report.notes.join('\n')).toMatch(/ARR = 12 x 'amount' \(amounts are monthly/);
    await steps.applyExports();
    expect(loads).toEqual([{ accounts: 1, files: ['billing.csv'] }]);
    await steps.readExports([new File(['customer,start\n', ''], 'empty.csv')], AUTO_CHOICES);
    await expect(steps.applyExports()).rejects.toThrow(/no valid account/);
    // Bounded: files past the limit are refused by name before their text is read.
    const huge = new File(['x'], 'huge.csv');
    Object.defineProperty(huge, 'size', { value: MAX_EXPORT_BYTES + 1 });
    await expect(steps.readExports([huge], AUTO_CHOICES)).rejects.toThrow(/huge\.csv 512 MB\): at most 512 MB are read at once/);
  });
});
