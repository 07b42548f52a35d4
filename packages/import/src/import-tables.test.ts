/**
 * `importTables` on hand-made exports, one shape or option per case; every expected number is worked out in the
 * comments. A property test writes generated datasets out as CSV in two shapes and imports them back.
 */
import { addDays, prepareDataset, validateDataset } from '@cskit/metrics';
import type { Contract, Dataset } from '@cskit/metrics';
import { generateDataset } from '@cskit/sample-data';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importTables } from './import-tables.js';
import type { ImportOptions } from './types.js';

const arrIn = (dataset: Dataset, month: string) => prepareDataset(dataset).summary({ period: { from: month, to: month } }).kpis.arr;
const errors = (result: ReturnType<typeof importTables>) => result.issues.filter((i) => i.severity === 'error');

describe('subscriptions without accounts: MRR, exclusive ends', () => {
  const csv = [
    'subscription_id,customer_id,customer_name,start_date,end_date,mrr,plan',
    's1,C1,Acme,2024-01-01,2025-01-01,1000,pro',
    's2,C1,Acme,2025-01-01,2026-01-01,1200,pro',
    's3,C2,Beta,2024-03-15,2025-03-15,500,basic',
  ].join('\n');
  const result = importTables([{ name: 'subscriptions.csv', text: csv }]);

  it('makes contracts (ARR = 12 x MRR, ends the day before) and derives the accounts', () => {
    expect(errors(result)).toEqual([]);
    // s1 ends where s2 starts, and each term ends on its start's day of the month: exclusive, so one day back.
    expect(result.dataset.contracts).toEqual([
      { id: 's1', accountId: 'C1', start: '2024-01-01', end: '2024-12-31', arr: 12000 },
      { id: 's2', accountId: 'C1', start: '2025-01-01', end: '2025-12-31', arr: 14400 },
      { id: 's3', accountId: 'C2', start: '2024-03-15', end: '2025-03-14', arr: 6000 },
    ]);
    expect(result.dataset.accounts).toEqual([
      { id: 'C1', name: 'Acme', signedAt: '2024-01-01' },
      { id: 'C2', name: 'Beta', signedAt: '2024-03-15' },
    ]);
    // June 2025: only s2 is active (s3 ended 2025-03-14): ARR 14,400. June 2024: s1 12,000 + s3 6,000.
    expect(arrIn(result.dataset, '2025-06')).toBe(14400);
    expect(arrIn(result.dataset, '2024-06')).toBe(18000);
  });

  it('says every decision in a note', () => {
    expect(result.notes).toEqual(expect.arrayContaining([
      expect.stringMatching(/subscriptions\.csv: read as subscriptions \(from its name\)/),
      expect.stringMatching(/ARR = 12 x the MRR of column 'mrr'/),
      expect.stringMatching(/exclusive.*3 of 3/),
      expect.stringMatching(/2 accounts made from the subscriptions \(name from column 'customer_name'/),
      expect.stringMatching(/columns not imported.*'plan'/),
    ]));
    expect(result.columns).toEqual({ 'subscriptions.csv': ['subscription_id', 'customer_id', 'customer_name', 'start_date', 'end_date', 'mrr', 'plan'] });
    expect(result.mapping['subscriptions.csv']).toEqual({
      collection: 'subscriptions',
      columns: { subscription_id: 'id', customer_id: 'accountId', customer_name: 'accountName', start_date: 'start', end_date: 'end', mrr: 'mrr' },
    });
  });

  it('reads the ends as the option says when given', () => {
    const inclusive = importTables([{ name: 'subscriptions.csv', text: csv }], { endDate: 'inclusive' });
    expect(inclusive.dataset.contracts?.[0]?.end).toBe('2025-01-01');
    expect(inclusive.notes).toContain('subscriptions.csv: end dates read as inclusive (the endDate option)');
  });
});

describe('amounts', () => {
  it('quantity x unit price per billing interval (a Chargebee-style export), in one currency', () => {
    const csv = [
      'Subscription Id,Customer Id,Customer Company,Plan Quantity,Plan Unit Price,Billing Period,Billing Period Unit,Currency Code,Started At,Current Term End',
      'sub_1,cust_1,Acme,10,30,1,month,EUR,2024-05-01,2025-04-30',
      'sub_2,cust_2,Beta,1,3000,3,month,EUR,2024-05-01,2025-04-30',
      'sub_3,cust_3,Gamma,2,5000,1,year,EUR,2024-05-01,',
    ].join('\n');
    const result = importTables([{ name: 'chargebee_subscriptions.csv', text: csv }]);
    expect(errors(result)).toEqual([]);
    // 10 x 30 a month = 300 x 12 = 3,600; 3,000 a quarter x 4 = 12,000; 2 x 5,000 a year = 10,000 (open-ended).
    expect(result.dataset.contracts?.map((c) => [c.id, c.arr, c.end ?? null, c.currency])).toEqual([
      ['sub_1', 3600, '2025-04-30', 'EUR'], ['sub_2', 12000, '2025-04-30', 'EUR'], ['sub_3', 10000, null, 'EUR'],
    ]);
    expect(result.dataset.currency).toBe('EUR');
    expect(result.notes).toEqual(expect.arrayContaining(['reporting currency EUR: every amount is in it', expect.stringMatching(/inclusive/)]));
    expect(arrIn(result.dataset, '2024-06')).toBe(25600);
  });

  it('a row whose ARR and MRR disagree is an issue naming its line; agreeing rows are kept', () => {
    const csv = 'id,account,start,end,arr,mrr\nc1,A,2025-01-01,2025-12-31,12000,1000\nc2,A,2025-01-01,2025-12-31,12000,1100\n';
    const result = importTables([
      { name: 'accounts.csv', text: 'id,name,signedAt\nA,Acme,2025-01-01\n' },
      { name: 'contracts.csv', text: csv },
    ]);
    expect(result.dataset.contracts?.map((c) => c.id)).toEqual(['c1']);
    expect(errors(result)).toEqual([expect.objectContaining({
      table: 'contracts.csv', line: 3, field: 'arr',
      message: 'contracts.csv line 3: ARR 12000 and MRR 1100 disagree (12 x MRR = 13200); the row was left out',
    })]);
  });

  it('a bare amount is ARR unless the amount option says MRR; an unknown interval is an issue', () => {
    const text = 'id,customer,start,amount\nx1,A,2025-01-01,500\n';
    const accounts = { name: 'accounts.csv', text: 'id,name,signedAt\nA,Acme,2025-01-01\n' };
    expect(importTables([accounts, { name: 'contracts.csv', text }]).dataset.contracts?.[0]?.arr).toBe(500);
    expect(importTables([accounts, { name: 'contracts.csv', text }], { amount: 'mrr' }).dataset.contracts?.[0]?.arr).toBe(6000);
    const weekly = importTables([accounts, { name: 'contracts.csv', text: 'id,customer,start,amount,interval\nx1,A,2025-01-01,100,week\nx2,A,2025-01-01,100,fortnight\n' }]);
    expect(weekly.dataset.contracts?.map((c) => c.arr)).toEqual([5200]);
    expect(errors(weekly)[0]?.message).toMatch(/line 3: 'fortnight' is not a billing interval/);
  });
});

describe('dates decided per column after mapping', () => {
  const accounts = (rows: string[]) => ({ name: 'accounts.csv', text: ['Account ID,Account Name,Signup Date', ...rows].join('\n') });

  it('day-first when a first part exceeds 12, month-first when a second does', () => {
    const dmy = importTables([accounts(['a,A,25/03/2024', 'b,B,01/02/2024'])]);
    expect(dmy.dataset.accounts.map((a) => a.signedAt)).toEqual(['2024-03-25', '2024-02-01']);
    expect(dmy.notes).toContain("accounts.csv: column 'Signup Date' read as D/M/YYYY dates");
    const mdy = importTables([accounts(['a,A,03/25/2024', 'b,B,01/02/2024'])]);
    expect(mdy.dataset.accounts.map((a) => a.signedAt)).toEqual(['2024-03-25', '2024-01-02']);
  });

  it('a column that reads two ways is an issue naming the column, until dateFormat says', () => {
    const ambiguous = importTables([accounts(['a,A,03/04/2024', 'b,B,05/06/2024'])]);
    expect(ambiguous.dataset.accounts).toEqual([]);
    expect(errors(ambiguous)[0]).toMatchObject({ table: 'accounts.csv', column: 'Signup Date' });
    expect(errors(ambiguous)[0]?.message).toMatch(/column 'Signup Date' read both as M\/D\/YYYY and as D\/M\/YYYY/);
    const decided = importTables([accounts(['a,A,03/04/2024', 'b,B,05/06/2024'])], { dateFormat: 'D/M/YYYY' });
    expect(decided.dataset.accounts.map((a) => a.signedAt)).toEqual(['2024-04-03', '2024-06-05']);
  });

  it('ISO dates and timestamps read as such whatever the rest', () => {
    const result = importTables([accounts(['a,A,2024-03-05T10:20:00Z', 'b,B,2024/03/06', 'c,C,2024-03-07 08:00'])]);
    expect(result.dataset.accounts.map((a) => a.signedAt)).toEqual(['2024-03-05', '2024-03-06', '2024-03-07']);
  });
});

describe('nothing lost silently', () => {
  it('a reference to an account left out says where it was rejected, at reading or at validation', () => {
    const result = importTables([
      { name: 'accounts.csv', text: 'id,name,signedAt\nA-1,Acme,yesterday\nA-2,,2024-02-01\nA-3,Gamma,2024-01-01\n' },
      { name: 'contracts.csv', text: 'id,accountId,start,end,arr\nc1,A-1,2024-01-01,2024-12-31,100\nc2,A-2,2024-01-01,2024-12-31,100\nc3,A-3,2024-01-01,2024-12-31,100\n' },
    ]);
    expect(result.dataset.contracts?.map((c) => c.id)).toEqual(['c3']);
    expect(errors(result).map((i) => i.message)).toEqual([
      "accounts.csv line 2, column 'signedAt': 'yesterday' is not a date in the form YYYY-MM-DD; the row was left out",
      expect.stringMatching(/^accounts\.csv line 3, column 'name': missing required field/),
      "contracts.csv line 2, column 'accountId': account 'A-1' was rejected at accounts.csv line 2 (see that line's issue)",
      "contracts.csv line 3, column 'accountId': account 'A-2' was rejected at accounts.csv line 3 (see that line's issue)",
    ]);
  });

  it('rows without ids get stable ones from the table and line', () => {
    const result = importTables([
      { name: 'accounts.csv', text: 'id,name,signedAt\nA,Acme,2024-01-01\n' },
      { name: 'contracts.csv', text: 'account,start,end,arr\nA,2024-01-01,2024-12-31,100\nA,2025-01-01,2025-12-31,120\n' },
    ]);
    expect(result.dataset.contracts?.map((c) => c.id)).toEqual(['contracts-2', 'contracts-3']);
  });

  it('an NPS column of 1..5 values is refused, not read as NPS -100', () => {
    const result = importTables([
      { name: 'accounts.csv', text: 'id,name,signedAt\nA,Acme,2024-01-01\n' },
      { name: 'nps.csv', text: 'accountId,date,CSAT\nA,2024-05-01,5\nA,2024-06-01,4\nA,2024-07-01,\n' },
    ], { mapping: { 'nps.csv': { collection: 'nps', columns: { accountId: 'accountId', date: 'date', CSAT: 'score' } } } });
    expect(result.dataset.nps ?? []).toEqual([]);
    expect(errors(result)[0]?.message).toMatch(/column 'CSAT' holds 1\.\.5 values: a rating such as CSAT, not an NPS score/);
  });

  it('a row with the wrong number of cells, a bad number and an unknown table are issues with their lines', () => {
    const result = importTables([
      { name: 'accounts.csv', text: 'id,name,signedAt\nA,Acme,2024-01-01\n' },
      { name: 'contracts.csv', text: 'id,accountId,start,arr\nc1,A,2024-01-01,1.200,50\nc2,A,2024-01-01,12O0\n' },
      { name: 'misc.csv', text: 'foo,bar\n1,2\n' },
    ]);
    expect(errors(result).map((i) => [i.table, i.line])).toEqual([['contracts.csv', 2], ['contracts.csv', 3], ['misc.csv', 0]]);
    expect(errors(result)[1]?.message).toMatch(/column 'arr': '12O0' is not a number/);
  });
});

describe('hostile files', () => {
  it('columns named after inherited properties are columns like any other', () => {
    const result = importTables([{ name: 'accounts.csv', text: '__proto__,constructor,id,name,signedAt\nx,y,A,Acme,2024-01-01\n' }]);
    expect(result.dataset.accounts).toEqual([{ id: 'A', name: 'Acme', signedAt: '2024-01-01' }]);
    expect(result.notes).toContain("accounts.csv: columns not imported (no field takes them): '__proto__', 'constructor'");
    const mapped = importTables([{ name: 'accounts.csv', text: '__proto__,name,signedAt\nA,Acme,2024-01-01\n' }], {
      mapping: { 'accounts.csv': { collection: 'accounts', columns: Object.fromEntries([['__proto__', 'id'], ['name', 'name'], ['signedAt', 'signedAt']]) } },
    });
    expect(mapped.dataset.accounts).toEqual([{ id: 'A', name: 'Acme', signedAt: '2024-01-01' }]);
  });

  it('an empty, binary or malformed file is an issue naming it; nothing else is read from it', () => {
    const result = importTables([
      { name: 'empty.csv', text: '' }, { name: 'binary.csv', text: 'id\u0000name' }, { name: 'broken.json', text: '{"accounts": [' },
    ]);
    expect(result.issues.map((i) => i.message)).toEqual([
      'empty.csv: the file is empty',
      'binary.csv: the file is not text (it holds binary bytes): export it as CSV (UTF-8) or JSON',
      expect.stringMatching(/^broken\.json: not valid JSON/),
      'accounts: no table gives accounts: add an accounts (CRM) or a subscriptions (billing) export',
    ]);
    expect(result.dataset.accounts).toEqual([]);
  });
});

describe('currencies', () => {
  const accounts = { name: 'accounts.csv', text: 'id,name,signedAt\nA,Acme,2024-01-01\nB,Beta,2024-01-01\n' };
  const contracts = { name: 'contracts.csv', text: 'id,accountId,start,arr,currency\nc1,A,2024-01-01,1000,eur\nc2,B,2024-01-01,2000,USD\n' };

  it('many currencies need rates: without them the rows are refused, with them converted', () => {
    const without = importTables([accounts, contracts]);
    expect(without.dataset.contracts?.map((c) => c.id)).toEqual(['c2']);
    expect(errors(without)[0]?.message).toMatch(/^contracts\.csv line 2, column 'currency': .*EUR/);
    expect(without.notes).toContain('reporting currency USD (none given); amounts are in EUR, USD: each needs a rate (fxRates)');
    const withRates = importTables([accounts, contracts], { fxRates: { EUR: 1.1 } });
    expect(errors(withRates)).toEqual([]);
    // 1,000 EUR x 1.1 + 2,000 USD = 3,100.
    expect(arrIn(withRates.dataset, '2024-06')).toBeCloseTo(3100, 6);
  });

  it('any ISO reporting currency; a JSON dataset brings its own currency', () => {
    const gbp = importTables([accounts, { name: 'contracts.csv', text: 'id,accountId,start,arr\nc1,A,2024-01-01,1000\n' }], { currency: 'GBP' });
    expect(gbp.dataset.currency).toBe('GBP');
    const json = importTables([{ name: 'data.json', text: JSON.stringify({ currency: 'JPY', accounts: [{ id: 'A', name: 'Acme', signedAt: '2024-01-01' }], contracts: [{ id: 'c', accountId: 'A', start: '2024-01-01', arr: 100000 }] }) }]);
    expect(json.dataset.currency).toBe('JPY');
    expect(json.dataset.contracts).toEqual([{ id: 'c', accountId: 'A', start: '2024-01-01', arr: 100000 }]);
    expect(Object.keys(json.mapping)).toEqual(['data.json#accounts', 'data.json#contracts']);
    expect(importTables([accounts], { currency: 'pounds' }).issues[0]?.message).toMatch(/'pounds' is not an ISO 4217 code/);
  });
});

describe('recognised exports', () => {
  it('a Stripe-style subscriptions export: ids, customers, amounts per interval, timestamps, open-ended rows', () => {
    const csv = [
      'id,Customer ID,Customer Description,Plan,Quantity,Currency,Interval,Amount,Status,Created (UTC),Start (UTC),Current Period Start (UTC),Current Period End (UTC),Canceled At (UTC),Ended At (UTC)',
      'sub_A,cus_1,Acme Ltd,pro,1,usd,month,99.00,active,2024-01-15 10:23,2024-01-15 10:23,2025-05-15 10:23,2025-06-15 10:23,,',
      'sub_B,cus_2,Beta Inc,team,1,usd,year,1200.00,canceled,2023-02-01 09:00,2023-02-01 09:00,2024-02-01 09:00,2025-02-01 09:00,2024-11-20 12:00,2025-02-01 09:00',
    ].join('\n');
    const result = importTables([{ name: 'subscriptions.csv', text: csv }]);
    expect(errors(result)).toEqual([]);
    // 99 a month = 1,188 a year (open-ended: active); 1,200 a year, ended 2025-02-01 (exclusive: the start's day) -> 2025-01-31.
    expect(result.dataset.contracts).toEqual([
      { id: 'sub_A', accountId: 'cus_1', start: '2024-01-15', arr: 1188, currency: 'USD' },
      { id: 'sub_B', accountId: 'cus_2', start: '2023-02-01', end: '2025-01-31', arr: 1200, currency: 'USD' },
    ]);
    expect(result.dataset.accounts.map((a) => a.name)).toEqual(['Acme Ltd', 'Beta Inc']);
    expect(result.notes.join('\n')).toMatch(/columns not imported.*'Status'/);
  });
});

describe('recognised exports: CRM accounts, and a table known by its columns', () => {
  it('a HubSpot-style companies export and a Salesforce-style accounts export', () => {
    const hubspot = importTables([{ name: 'hubspot-companies.csv', text: 'Record ID,Company name,Create Date,Company owner,Industry,Country/Region,Lifecycle Stage,Annual Revenue\n101,Acme,2024-02-01 09:30,Li Na,Software,Germany,customer,5000000\n' }]);
    expect(hubspot.dataset.accounts).toEqual([{ id: '101', name: 'Acme', signedAt: '2024-02-01', csmId: 'Li Na', industry: 'Software', region: 'Germany', stage: 'customer' }]);
    expect(hubspot.notes.join('\n')).toMatch(/columns not imported \(no field takes them\): 'Annual Revenue'/);
    const salesforce = importTables([{ name: 'Accounts.csv', text: 'Account ID,Account Name,Account Owner,Industry,Billing Country,Created Date\n001A,Beta,Wei,Retail,France,3/25/2024\n' }]);
    expect(salesforce.dataset.accounts).toEqual([{ id: '001A', name: 'Beta', signedAt: '2024-03-25', csmId: 'Wei', industry: 'Retail', region: 'France' }]);
  });

  it('a contracts file with no accounts table anywhere brings its accounts', () => {
    const result = importTables([{ name: 'contracts.csv', text: 'id,customer,start,arr\nk1,C1,2024-01-01,100\n' }]);
    expect(result.mapping['contracts.csv']?.collection).toBe('subscriptions');
    expect(result.notes[0]).toMatch(/no table gives accounts, so its customers become accounts/);
    expect(result.dataset.accounts).toEqual([{ id: 'C1', name: 'C1', signedAt: '2024-01-01' }]);
  });

  it('a file whose name says nothing is read as the collection its columns fit', () => {
    const result = importTables([{ name: 'export (3).csv', text: 'customer_id,start_date,end_date,mrr\nC1,2024-01-01,2024-12-31,10\n' }]);
    expect(result.mapping['export (3).csv']?.collection).toBe('subscriptions');
    expect(result.notes[0]).toMatch(/read as subscriptions \(from its columns\)/);
    expect(result.dataset.contracts).toEqual([{ id: 'export-3--2', accountId: 'C1', start: '2024-01-01', end: '2024-12-31', arr: 120 }]);
  });
});

describe('helpdesk tickets and usage by role (SPEC 1)', () => {
  it('a Zendesk-style tickets export and a usage export with roles', () => {
    const result = importTables([
      { name: 'accounts.csv', text: 'id,name,signedAt\nAcme,Acme Ltd,2024-01-01\n' },
      { name: 'zendesk-tickets.csv', text: [
        'Id,Organization,Created at,First reply time in minutes,Full resolution time in minutes,Satisfaction Score,Type,Priority',
        '101,Acme,2025-03-02 10:00,35,1440,5,incident,high', '102,Acme,2025-03-09 08:30,,,,how-to,low', '103,Acme,2025-03-10 08:30,20,60,9,request,low',
      ].join('\n') },
      { name: 'usage.csv', text: 'account_id,month,role,active_users,licensed_users\nAcme,2025-03,admin,3,4\nAcme,2025-03,end user,30,60\nAcme,2025-03,admin,1,4\n' },
    ]);
    expect(result.dataset.tickets).toEqual([
      { id: '101', accountId: 'Acme', openedAt: '2025-03-02', firstResponseMinutes: 35, resolutionMinutes: 1440, csat: 5, type: 'incident' },
      { id: '102', accountId: 'Acme', openedAt: '2025-03-09', type: 'how-to' },
    ]);
    // Roles apart are kept (the account's March rate is (3 + 30) / (4 + 60)); a second admin record is an issue.
    expect(result.dataset.activity?.map((a) => a.role)).toEqual(['admin', 'end user']);
    expect(errors(result).map((i) => i.message)).toEqual([
      "zendesk-tickets.csv line 4, column 'Satisfaction Score': must be between 1 and 5, got 9",
      "usage.csv line 4, column 'role': a second activity record of role 'admin' for account 'Acme' in 2025-03 (the first is kept)",
    ]);
    expect(result.notes.join('\n')).toMatch(/zendesk-tickets\.csv: columns not imported \(no field takes them\): 'Priority'/);
  });
});

/** A dataset's accounts and contracts as CSV, in the contract's own shape or as a subscriptions export. */
type Shape = 'contract' | 'subscriptions-mrr-exclusive' | 'quarterly-dmy' | 'seats-json';
const SHAPES: readonly Shape[] = ['contract', 'subscriptions-mrr-exclusive', 'quarterly-dmy', 'seats-json'];
const dmy = (date: string | undefined) => (date === undefined ? undefined : `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`);

/** A dataset's accounts and contracts in one of the shapes exports come in (the options each needs beside it). */
function exported(dataset: Dataset, shape: Shape): { tables: Array<{ name: string; text: string }>; options: ImportOptions } {
  const contracts = dataset.contracts ?? [];
  const nameOf = (id: string) => dataset.accounts.find((a) => a.id === id)?.name;
  if (shape === 'quarterly-dmy') {
    // Billed per quarter (ARR / 4), day-first dates, inclusive ends, an accounts file beside it.
    const cell = (c: string | number | undefined) => (c === undefined ? '' : /[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c));
    const line = (cells: Array<string | number | undefined>) => cells.map(cell).join(',');
    return {
      tables: [
        { name: 'crm-accounts.csv', text: ['Account ID,Account Name,Created Date', ...dataset.accounts.map((a) => line([a.id, a.name, dmy(a.signedAt)]))].join('\n') },
        { name: 'billing-subscriptions.csv', text: ['Subscription Id,Customer Id,Started At,Current Term End,Amount,Billing Period Unit,Currency Code', ...contracts.map((c) => line([c.id, c.accountId, dmy(c.start), dmy(c.end), c.arr / 4, 'quarter', c.currency]))].join('\n') },
      ],
      options: { dateFormat: 'D/M/YYYY', endDate: 'inclusive' },
    };
  }
  if (shape === 'seats-json') {
    // A JSON export: 4 seats at a monthly unit price (ARR / 48), the dataset's currency and rates at its top.
    const subscriptions = contracts.map((c) => ({ subscription_id: c.id, customer_id: c.accountId, customer_name: nameOf(c.accountId), start_date: c.start, end_date: c.end, quantity: 4, unit_price: c.arr / 48, interval: 'month', currency: c.currency }));
    return { tables: [{ name: 'export.json', text: JSON.stringify({ currency: dataset.currency, fxRates: dataset.fxRates, subscriptions }) }], options: { endDate: 'inclusive' } };
  }
  return { tables: asCsv(dataset, shape), options: shape === 'contract' ? {} : { endDate: 'exclusive' } };
}

function asCsv(dataset: Dataset, shape: 'contract' | 'subscriptions-mrr-exclusive'): Array<{ name: string; text: string }> {
  const cell = (c: string | number | undefined) => (c === undefined ? '' : /[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c));
  const line = (cells: Array<string | number | undefined>) => cells.map(cell).join(',');
  const contracts = dataset.contracts ?? [];
  if (shape === 'contract') {
    return [
      { name: 'accounts.csv', text: ['id,name,signedAt', ...dataset.accounts.map((a) => line([a.id, a.name, a.signedAt]))].join('\n') },
      { name: 'contracts.csv', text: ['id,accountId,start,end,arr,currency', ...contracts.map((c) => line([c.id, c.accountId, c.start, c.end, c.arr, c.currency]))].join('\n') },
    ];
  }
  const exclusiveEnd = (c: Contract) => (c.end === undefined ? undefined : addDays(c.end, 1));
  return [{
    name: 'subscriptions.csv',
    text: ['subscription_id,customer_id,customer_name,start_date,end_date,mrr,currency',
      ...contracts.map((c) => line([c.id, c.accountId, dataset.accounts.find((a) => a.id === c.accountId)?.name, c.start, exclusiveEnd(c), c.arr / 12, c.currency]))].join('\n'),
  }];
}


describe('round trip (property)', () => {
  it('a dataset written out in each shape (contract CSV, MRR subscriptions with exclusive ends, quarterly billing with day-first dates, seats x unit price in JSON) and imported back gives the same ARR every month', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), fc.constantFrom(...SHAPES), (seed, shape) => {
      const generated = generateDataset({ seed, accounts: 12, months: 24, start: '2024-01' });
      const original = validateDataset({ currency: generated.currency, fxRates: generated.fxRates, accounts: generated.accounts, contracts: generated.contracts }).dataset;
      const { tables, options } = exported(original, shape);
      const back = importTables(tables, { ...(shape === 'seats-json' ? {} : { currency: original.currency ?? 'USD', ...(original.fxRates ? { fxRates: original.fxRates } : {}) }), ...options });
      expect(errors(back)).toEqual([]);
      for (const month of ['2024-06', '2025-01', '2025-12']) expect(arrIn(back.dataset, month)).toBeCloseTo(arrIn(original, month), 6);
    }), { numRuns: 16 });
  });
});
