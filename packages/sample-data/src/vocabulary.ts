/** Word lists for realistic names and account fields. */
export const SEGMENTS = [
  // [segment, share of accounts, ARR range of a first contract, licensed users range, annual churn base]
  { segment: 'KA', share: 0.1, arr: [120_000, 600_000], users: [200, 2000], churn: 0.06, team: 'Enterprise' },
  { segment: 'MM', share: 0.3, arr: [20_000, 100_000], users: [30, 300], churn: 0.12, team: 'Growth' },
  { segment: 'SMB', share: 0.6, arr: [2_000, 15_000], users: [3, 30], churn: 0.22, team: 'Scale' },
] as const;

export const REGIONS = [
  ['NA', 0.4], ['EMEA', 0.3], ['APAC', 0.22], ['LATAM', 0.08],
] as const;

/** Contract currency by region: some EMEA and APAC customers pay in their own currency. */
export const REGION_CURRENCIES: Record<string, readonly string[]> = {
  NA: ['USD'], EMEA: ['USD', 'EUR', 'EUR', 'GBP'], APAC: ['USD', 'USD', 'CNY'], LATAM: ['USD'],
};

export const FX_RATES: Record<string, number> = { EUR: 1.08, GBP: 1.27, CNY: 0.14 };

export const INDUSTRIES = ['Software', 'Financial Services', 'Healthcare', 'Retail', 'Manufacturing', 'Education', 'Logistics'] as const;

export const CHANNELS = [['direct', 0.7], ['partner', 0.25], ['marketplace', 0.05]] as const;

export const NAME_PREFIXES = [
  'Acme', 'Northwind', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Tyrell', 'Cyberdyne', 'Soylent', 'Hooli',
  'Pied Piper', 'Vandelay', 'Wonka', 'Gringotts', 'Aperture', 'Black Mesa', 'Blue Sun', 'Oscorp', 'Nakatomi', 'Massive',
  'Dunder', 'Bluth', 'Sterling', 'Prestige', 'Monarch', 'Zenith', 'Lumen', 'Quantum', 'Harbor', 'Summit', 'Cobalt',
  'Juniper', 'Maple', 'Orion', 'Pioneer', 'Redwood', 'Silverline', 'Tidewater', 'Vertex', '华星', '远航', '青云',
] as const;

export const NAME_SUFFIXES = [
  'Labs', 'Logistics', 'Systems', 'Health', 'Capital', 'Foods', 'Retail', 'Energy', 'Analytics', 'Robotics', 'Media',
  'Partners', 'Group', 'Holdings', 'Works', 'Cloud', 'Bank', 'Motors', 'Pharma', 'Studios', '科技', '集团',
] as const;

export const CSM_FIRST = ['Mei', 'Alex', 'Priya', 'Jonas', 'Sofia', 'Wei', 'Hannah', 'Diego', 'Aiko', 'Omar', 'Lena', 'Chen', 'Grace', 'Mateo', 'Nora', 'Ravi'] as const;
export const CSM_LAST = ['Lin', 'Kim', 'Patel', 'Berg', 'Rossi', 'Zhang', 'Müller', 'García', 'Sato', 'Haddad', 'Novak', 'Wang', 'Okafor', 'Silva', 'Larsen', 'Iyer'] as const;

export const NPS_ROLES = ['executive', 'admin', 'user'] as const;
export const STAGES = ['onboarding', 'adoption', 'expansion', 'renewal'] as const;
