/**
 * The fields a column can feed, per collection (the contract's own, from `@cskit/metrics`, and the import's: amounts
 * in other units, billing intervals, quantities, and for subscriptions the account they bring), and the header names
 * real exports use for each: billing tools' subscription exports (Stripe, Chargebee, Recurly, as their docs list the
 * columns), CRM account exports, survey and usage exports. Headers compare without case, spaces or punctuation.
 */
import { contractFields } from '@cskit/metrics';
import type { ContractField } from '@cskit/metrics';
import type { ImportCollection } from '../types.js';

export type FieldType = ContractField['type'];
export interface ImportField { field: string; type: FieldType; required: boolean }

/** Amount fields the import turns into `arr` (the contract's one amount). */
const AMOUNT_FIELDS: ImportField[] = [
  { field: 'mrr', type: 'number', required: false },
  { field: 'amount', type: 'number', required: false },
  { field: 'unitPrice', type: 'number', required: false },
  { field: 'quantity', type: 'number', required: false },
  { field: 'interval', type: 'text', required: false },
  { field: 'intervalCount', type: 'number', required: false },
];

/** What a subscription row says of its account, for the accounts a subscriptions table brings. */
const ACCOUNT_OF_SUBSCRIPTION: ImportField[] = ['accountName', 'csmId', 'salesRepId', 'segment', 'region', 'industry', 'channel', 'stage']
  .map((field) => ({ field, type: 'text' as const, required: false }));

/** The fields of a collection as an import fills them; `arr` becomes optional where other amounts can give it. */
export function importFields(collection: ImportCollection): ImportField[] {
  if (collection === 'subscriptions') {
    const contract = contractFields('contracts').map((f) => ({ ...f, required: f.field === 'accountId' || f.field === 'start' }));
    return [...contract, ...AMOUNT_FIELDS, ...ACCOUNT_OF_SUBSCRIPTION];
  }
  const own: ImportField[] = contractFields(collection).map((f) => ({ ...f }));
  if (collection === 'contracts' || collection === 'arr') {
    return [...own.map((f) => (f.field === 'arr' || (collection === 'contracts' && f.field === 'id') ? { ...f, required: false } : f)), ...AMOUNT_FIELDS];
  }
  if (['leads', 'advocacy', 'revenue'].includes(collection)) return own.map((f) => (f.field === 'id' ? { ...f, required: false } : f));
  return own;
}

/** A header as compared: lower case, letters and digits only (`Current Period End (UTC)` -> `currentperiodendutc`). */
export function normalizeHeader(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/**
 * Header names per field, in order of preference (the first a table has wins). Beyond these, a field's own name
 * always matches, and a collection's `id` answers to "<collection> id".
 */
const SYNONYMS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['accountId', ['accountid', 'customerid', 'accountcode', 'account', 'customer', 'accountkey', 'customerkey', 'companyid', 'clientid', 'organizationid', 'orgid', 'organization', 'organisation']],
  ['accountName', ['accountname', 'customername', 'customercompany', 'company', 'companyname', 'customerdescription', 'organizationname', 'clientname']],
  ['name', ['accountname', 'customername', 'companyname', 'company', 'client', 'clientname', 'organizationname', 'csmname', 'ownername', 'fullname']],
  ['signedAt', ['signedat', 'signupdate', 'signup', 'signed', 'signeddate', 'signdate', 'customersince', 'acquisitiondate', 'acquiredat', 'firstcontractdate', 'closedwondate', 'createdat', 'created', 'createdate', 'createddate', 'createdutc', 'startdate']],
  ['csmId', ['csmid', 'csm', 'csmowner', 'customersuccessmanager', 'successmanager', 'accountowner', 'companyowner', 'ownerid', 'owner']],
  ['salesRepId', ['salesrepid', 'salesrep', 'accountexecutive', 'ae', 'rep', 'salesowner']],
  ['segment', ['segment', 'tier', 'customertier', 'size', 'companysize']],
  ['region', ['region', 'geo', 'territory', 'countryregion', 'country', 'billingcountry', 'market']],
  ['industry', ['industry', 'vertical', 'sector']],
  ['channel', ['channel', 'source', 'acquisitionchannel', 'leadsource']],
  ['stage', ['stage', 'lifecyclestage', 'lifecycle']],
  ['start', ['start', 'startdate', 'startutc', 'startedat', 'started', 'activatedat', 'subscriptionstart', 'termstart', 'currenttermstart', 'currentperiodstart', 'currentperiodstartutc', 'currentperiodstartedat', 'periodstart', 'validfrom', 'begin', 'from']],
  ['end', ['end', 'enddate', 'endutc', 'endedat', 'endedatutc', 'expiresat', 'subscriptionend', 'termend', 'currenttermend', 'currentperiodend', 'currentperiodendutc', 'currentperiodendsat', 'periodend', 'validto', 'expiry', 'expires', 'renewaldate', 'to']],
  ['arr', ['arr', 'arramount', 'annualrecurringrevenue', 'acv', 'annualvalue', 'annualamount', 'annualcontractvalue']],
  ['mrr', ['mrr', 'mrramount', 'monthlyamount', 'monthlyrecurringrevenue', 'monthlyvalue', 'monthlyprice', 'monthlyfee']],
  ['amount', ['amount', 'planamount', 'price', 'recurringamount', 'subscriptionamount', 'total', 'value']],
  ['unitPrice', ['unitprice', 'unitamount', 'planunitprice', 'priceperunit', 'perunitprice']],
  ['quantity', ['quantity', 'planquantity', 'qty', 'seats', 'units', 'licenses', 'licences']],
  ['interval', ['interval', 'billinginterval', 'billingperiodunit', 'planinterval', 'billingcycle', 'billingfrequency', 'frequency', 'intervalunit']],
  ['intervalCount', ['intervalcount', 'billingperiod', 'planintervalcount', 'intervallength']],
  ['currency', ['currency', 'currencycode', 'plancurrency']],
  ['optOutDate', ['optoutdate', 'cancelby', 'noticedate']],
  ['month', ['month', 'period', 'date', 'monthstart']],
  ['score', ['score', 'npsscore', 'likelihoodtorecommend', 'nps', 'rating']],
  ['date', ['date', 'responsedate', 'submittedat', 'surveydate', 'eventdate', 'createdat']],
  ['role', ['role', 'userrole', 'respondentrole', 'persona']],
  ['activeUsers', ['activeusers', 'active', 'mau', 'monthlyactiveusers', 'activeseats']],
  ['licensedUsers', ['licensedusers', 'licensed', 'seats', 'licenses', 'licences', 'purchasedseats', 'seatslicensed']],
  ['team', ['team', 'pod', 'group']],
  ['openedAt', ['openedat', 'opened', 'createdat', 'created', 'createdutc', 'submittedat', 'requestedat']],
  ['firstResponseMinutes', ['firstresponseminutes', 'firstreplytimeinminutes', 'firstreplytimeinminuteswithinbusinesshours', 'firstresponsetime', 'firstreplytime', 'timetofirstresponse']],
  ['resolutionMinutes', ['resolutionminutes', 'fullresolutiontimeinminutes', 'resolutiontime', 'timetoresolution', 'resolutiontimeinminutes']],
  ['csat', ['csat', 'csatscore', 'satisfactionscore', 'satisfaction', 'satisfactionrating']],
  ['type', ['type', 'tickettype', 'category', 'issuetype']],
  ['origin', ['origin', 'channel', 'initiatedby']],
  ['complaint', ['complaint', 'complaintkind', 'complainttype']],
]);

/** The normalised header names a field answers to in a collection, best first. */
export function namesOf(collection: ImportCollection, field: string): string[] {
  const own = [normalizeHeader(field), ...(SYNONYMS.get(field) ?? [])];
  if (field === 'id') {
    const singular = collection === 'subscriptions' ? 'subscription' : collection.replace(/s$/, '');
    own.push(`${singular}id`, ...(collection === 'subscriptions' || collection === 'contracts' ? ['subscriptionid', 'contractid', 'uuid'] : []));
    if (collection === 'accounts') own.push('customerid', 'accountcode', 'companyid', 'recordid');
    if (collection === 'csms') own.push('csmid', 'ownerid', 'userid');
  }
  return [...new Set(own)];
}
