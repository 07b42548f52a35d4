/**
 * The import's view of the data contract: the collections a user can import, their fields with types (from
 * `@cskit/metrics`), a template per collection, and the header names real exports use for each field.
 */
import { namesOf as importNames, normalizeHeader } from '@cskit/import';
import { COLLECTION_NAMES, contractFields } from '@cskit/metrics';
import type { CollectionName, ContractField } from '@cskit/metrics';

/** The collections a file per collection can hold: all but targets (their period is not a flat column; JSON only). */
export type ImportableCollection = Exclude<CollectionName, 'targets'>;

/** Every importable collection of the data contract, accounts first (the one an import needs). */
export const COLLECTIONS: readonly ImportableCollection[] = [
  'accounts', ...COLLECTION_NAMES.filter((name): name is ImportableCollection => name !== 'accounts' && name !== 'targets'),
];

/**
 * Optional account columns that describe a subscription (a plan's start, end and ARR): an account export without a
 * contracts file becomes one contract per account from them (docs/importing.md).
 */
export const SUBSCRIPTION_FIELDS: readonly ContractField[] = [
  { field: 'subscriptionStart', type: 'date', required: false },
  { field: 'subscriptionEnd', type: 'date', required: false },
  { field: 'subscriptionArr', type: 'number', required: false },
  { field: 'subscriptionCurrency', type: 'text', required: false },
];

/** The fields an import maps columns to: the contract's, and for accounts the subscription columns. */
export function importFields(collection: CollectionName): ContractField[] {
  return collection === 'accounts' ? [...contractFields(collection), ...SUBSCRIPTION_FIELDS] : contractFields(collection);
}

/** A header and one example row per collection: the downloadable templates. */
export const TEMPLATES: Record<ImportableCollection, string> = {
  accounts: 'id,name,signedAt,csmId,salesRepId,segment,region,industry,channel,stage\nacc-1,Acme Ltd,2024-03-15,csm-1,rep-1,KA,APAC,Software,direct,customer\n',
  contracts: 'id,accountId,start,end,arr,currency,optOutDate\nctr-1,acc-1,2024-03-15,2025-03-14,120000,USD,\n',
  arr: 'accountId,month,arr,currency\nacc-1,2025-01,120000,USD\n',
  health: 'accountId,month,outcome,experience\nacc-1,2025-01,72,65\n',
  nps: 'id,accountId,date,score,role\nnps-1,acc-1,2025-02-10,9,admin\n',
  activity: 'accountId,month,activeUsers,licensedUsers\nacc-1,2025-01,42,50\n',
  leads: 'id,accountId,csmId,createdAt,stage,closedAt,arr\nlead-1,acc-1,csm-1,2025-01-10,won,2025-03-01,15000\n',
  advocacy: 'id,accountId,csmId,date,kind\nadv-1,acc-1,csm-1,2025-04-01,case-study\n',
  revenue: 'id,accountId,csmId,date,arr,source\nrev-1,acc-1,csm-1,2025-05-01,8000,consulting\n',
  csms: 'id,name,team\ncsm-1,Li Na,APAC\n',
  measures: 'accountId,month,key,value\nacc-1,2025-01,coreFeatureUse,0.64\n',
  tickets: 'id,accountId,openedAt,firstResponseMinutes,resolutionMinutes,type,origin,csat,complaint\ntk-1,acc-1,2025-02-03,45,1440,incident,reactive,4,stability\n',
};

/**
 * Header names of the demo's own fields beyond those `@cskit/import` knows (the names real exports use live there):
 * the subscription columns of an accounts file, and the demo's older habits (a contract's `Amount` is its ARR here,
 * since a contracts file has no interval column).
 */
const DEMO_SYNONYMS: ReadonlyMap<string, readonly string[]> = new Map([
  ['id', ['key', 'uid', 'identifier']],
  ['arr', ['amount', 'value']],
  ['subscriptionStart', ['planstart', 'subscriptionstartdate', 'currenttermstart']],
  ['subscriptionEnd', ['planend', 'subscriptionenddate', 'currenttermend']],
  ['subscriptionArr', ['planarr', 'mrr12', 'subscriptionvalue', 'contractvalue', 'arr']],
  ['subscriptionCurrency', ['plancurrency', 'currency']],
]);

/** A header as compared: lower case, letters and digits only. */
export { normalizeHeader };

/** The normalised names a field answers to in this collection: `@cskit/import`'s, then the demo's own. */
export function namesOf(collection: CollectionName, field: string): string[] {
  return [...new Set([...importNames(collection, field), ...(DEMO_SYNONYMS.get(field) ?? [])])];
}
