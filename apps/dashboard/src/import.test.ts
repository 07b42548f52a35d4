import { validateDataset } from '@cskit/metrics';
import { describe, expect, it } from 'vitest';
import { locate, parseImport, rawDataset, TEMPLATES } from './import.js';

describe('own-data import', () => {
  it('every template is accepted by validateDataset with no issue', () => {
    const files = Object.entries(TEMPLATES).map(([collection, csv]) => parseImport(collection as never, `${collection}.csv`, csv));
    const { issues } = validateDataset(rawDataset(files));
    expect(issues).toEqual([]);
  });

  it('a bad CSV row is reported with its file, line and field; the good rows are kept', () => {
    const accounts = parseImport('accounts', 'accounts.csv', 'id,name,signedAt\na,Acme,2024-01-01\nb,Beta,2024-02-30\nc,,2024-03-01\n');
    const contracts = parseImport('contracts', 'my-contracts.csv', 'id,accountId,start,end,arr\nk1,a,2024-01-01,2024-12-31,1200\nk2,a,2024-01-01,2024-12-31,lots\n');
    const { dataset, issues } = validateDataset(rawDataset([accounts, contracts]));
    expect(dataset.accounts.map((a) => a.id)).toEqual(['a']);
    expect(dataset.contracts?.map((c) => c.id)).toEqual(['k1']);
    const located = issues.map((i) => ({ ...locate(i, [accounts, contracts]), field: i.field }));
    expect(located).toEqual([
      { file: 'accounts.csv', row: '3', field: 'signedAt' },
      { file: 'accounts.csv', row: '4', field: 'name' },
      { file: 'my-contracts.csv', row: '3', field: 'arr' },
    ]);
  });

  it('JSON files: an array, or an object holding the collection', () => {
    expect(parseImport('csms', 'csms.json', '[{"id":"c1","name":"Ana"}]').records).toEqual([{ id: 'c1', name: 'Ana' }]);
    expect(parseImport('csms', 'all.json', '{"csms":[{"id":"c1","name":"Ana"}]}').records).toHaveLength(1);
    expect(parseImport('csms', 'bad.json', '{"csms":').parseIssues[0]?.message).toMatch(/^not valid JSON/);
  });
});
