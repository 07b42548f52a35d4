/**
 * The health model (SPEC 4, SPEC 12): a weighted score of outcome and experience, four tiers, quadrant thresholds,
 * and optionally how each side is built from components (measures, the activity rate, NPS).
 * Scores are rounded to 9 decimals so that float noise (0.8 * 70 = 56.00000000000001) never moves an account
 * across a tier threshold.
 */
import { ownValue } from './domain.js';
import { VIEW_LIMITS } from '../core/limits.js';

export type HealthTier = 'green' | 'green-yellow' | 'yellow' | 'red';

/** Best first: the order of tier legends and of the transition matrix. */
export const HEALTH_TIERS: readonly HealthTier[] = ['green', 'green-yellow', 'yellow', 'red'];

export interface HealthWeights {
  outcome: number;
  experience: number;
}

export type HealthSide = 'outcome' | 'experience';
export const HEALTH_SIDES: readonly HealthSide[] = ['outcome', 'experience'];

/**
 * One input of a side of the score (SPEC 12). `key` is `'activityRate'`, `'nps'`, or the `key` of `measures`
 * records. Its score is `clamp(100 * (value - floor) / (target - floor), 0, 100)`; a `target` below `floor` means
 * lower is better (response hours: floor 48, target 4).
 */
export interface HealthComponent {
  key: string;
  weight: number;
  floor: number;
  target: number;
}

/** Built-in component keys: read from activity and NPS rather than from `measures`. */
export const BUILT_IN_COMPONENTS = ['activityRate', 'nps'] as const;

/** A role's activity rate (SPEC 12): `activityRate.<role>`, the activity rate of that role's records alone. */
export const ROLE_ACTIVITY_PREFIX = 'activityRate.';

/** The ticket components of SPEC 12 (seed 004's service and product experience), read from `tickets`. */
export const TICKET_COMPONENTS = [
  'tickets.firstResponseHours', 'tickets.resolutionHours', 'tickets.resolutionHours.incident', 'tickets.resolutionHours.how-to',
  'tickets.resolutionHours.request', 'tickets.csat', 'tickets.proactiveShare', 'tickets.complaints.stability', 'tickets.complaints.usability',
] as const;
export type TicketComponent = (typeof TICKET_COMPONENTS)[number];

export const isTicketComponent = (key: string): key is TicketComponent => (TICKET_COMPONENTS as readonly string[]).includes(key);

/** The role of an `activityRate.<role>` key, or undefined for any other key. */
export function roleOfComponent(key: string): string | undefined {
  return key.startsWith(ROLE_ACTIVITY_PREFIX) && key.length > ROLE_ACTIVITY_PREFIX.length ? key.slice(ROLE_ACTIVITY_PREFIX.length) : undefined;
}

/** Months of tickets a `tickets.` component reads by default: those opened in the 3 months ending with m (SPEC 12). */
export const DEFAULT_TICKET_MONTHS = 3;

export interface HealthModel {
  weights: HealthWeights;
  /** Per-segment weights, e.g. `{ KA: { outcome: 0.7, experience: 0.3 } }`. */
  segmentWeights?: Record<string, HealthWeights>;
  /** Lower bounds, inclusive: score >= green is green, and so on down; below yellow is red. */
  tiers: { green: number; greenYellow: number; yellow: number };
  /** Inclusive thresholds: outcome >= quadrant.outcome is "high". */
  quadrant: { outcome: number; experience: number };
  /** How each side is built (SPEC 12); a side without components is read from `health` snapshots. */
  components?: { outcome?: HealthComponent[]; experience?: HealthComponent[] };
  /** The months of tickets a `tickets.` component reads: those opened in the `ticketMonths` months ending with m. Default 3. */
  ticketMonths?: number;
  /**
   * Health profiles (seed 004: key accounts weigh outcome and experience 7:3 and may be scored on other measures):
   * accounts whose `by` field has an own entry in `models` are scored with that profile's weights and, per side it
   * lists, its components; everything else comes from the model.
   */
  profiles?: HealthProfiles;
}

export const PROFILE_DIMENSIONS = ['segment', 'stage'] as const;
export type ProfileDimension = (typeof PROFILE_DIMENSIONS)[number];

/** One profile: weights, and the components of the sides it builds its own way. */
export interface HealthProfile {
  weights?: HealthWeights;
  components?: { outcome?: HealthComponent[]; experience?: HealthComponent[] };
}

export interface HealthProfiles {
  by: ProfileDimension;
  models: Record<string, HealthProfile>;
}

/** Any part of a model; the rest comes from the defaults. */
export interface HealthModelInput {
  weights?: Partial<HealthWeights>;
  segmentWeights?: Record<string, HealthWeights>;
  tiers?: Partial<HealthModel['tiers']>;
  quadrant?: Partial<HealthModel['quadrant']>;
  components?: HealthModel['components'];
  ticketMonths?: number;
  profiles?: HealthProfiles;
}

export const DEFAULT_HEALTH_MODEL: HealthModel = {
  weights: { outcome: 0.8, experience: 0.2 },
  tiers: { green: 75, greenYellow: 60, yellow: 40 },
  quadrant: { outcome: 60, experience: 60 },
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fields of a partial input that are set: `{ outcome: undefined }` leaves the default in place. */
function given<T extends object>(partial: T | undefined, name: string): Partial<T> {
  if (partial === undefined) return {};
  if (!isObject(partial)) throw new RangeError(`${name} must be an object, got ${JSON.stringify(partial)?.slice(0, 60)}`);
  return Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function assertWeights(weights: HealthWeights, name: string): void {
  const { outcome, experience } = weights;
  if (!(Number.isFinite(outcome) && Number.isFinite(experience) && outcome >= 0 && experience >= 0 && outcome + experience > 0)) {
    throw new RangeError(`${name} must be two non-negative numbers with a positive sum, got ${JSON.stringify(weights)}`);
  }
}

function assertFiniteFields(value: unknown, fields: readonly string[], name: string): void {
  if (!isObject(value)) throw new RangeError(`${name} must be an object { ${fields.join(', ')} }, got ${JSON.stringify(value)}`);
  for (const field of fields) {
    const number = value[field];
    if (typeof number !== 'number' || !Number.isFinite(number)) {
      throw new RangeError(`${name}.${field} must be a finite number, got ${JSON.stringify(number) ?? String(number)}`);
    }
  }
}

function assertComponents(components: unknown, at = 'model.components'): void {
  if (components === undefined) return;
  if (!isObject(components)) throw new RangeError(`${at} must be an object { outcome?: [...], experience?: [...] }, got ${JSON.stringify(components)}`);
  for (const side of Object.keys(components)) {
    if (side !== 'outcome' && side !== 'experience') throw new RangeError(`${at}.${side}: a side is 'outcome' or 'experience'`);
    const list = components[side];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw new RangeError(`${at}.${side} must be a list of components, got ${JSON.stringify(list)}`);
    if (list.length > VIEW_LIMITS.modelComponents) throw new RangeError(`${at}.${side} may hold at most ${VIEW_LIMITS.modelComponents} components, got ${list.length}`);
    const keys = new Set<string>();
    list.forEach((component: unknown, i) => {
      const name = `${at}.${side}[${i}]`;
      if (!isObject(component)) throw new RangeError(`${name} must be { key, weight, floor, target }, got ${JSON.stringify(component)}`);
      if (typeof component.key !== 'string' || component.key === '' || component.key.length > VIEW_LIMITS.textLength) {
        throw new RangeError(`${name}.key must be a non-empty string of at most ${VIEW_LIMITS.textLength} characters`);
      }
      if (component.key.startsWith('tickets.') && !isTicketComponent(component.key)) {
        throw new RangeError(`${name}.key '${component.key}' is not a ticket component; use one of ${TICKET_COMPONENTS.join(', ')}`);
      }
      if (keys.has(component.key)) throw new RangeError(`${name}.key '${component.key}' appears twice on the ${side} side`);
      keys.add(component.key);
      assertFiniteFields(component, ['weight', 'floor', 'target'], name);
      if ((component.weight as number) < 0) throw new RangeError(`${name}.weight must not be negative, got ${String(component.weight)}`);
      if (component.floor === component.target) throw new RangeError(`${name}: floor and target are both ${String(component.floor)}; they must differ (SPEC 12)`);
    });
  }
}

/** Checks a model's profiles: a known dimension, at most `VIEW_LIMITS.segmentWeights` of them, each well formed. */
function assertProfiles(profiles: unknown): void {
  if (profiles === undefined) return;
  if (!isObject(profiles)) throw new RangeError(`model.profiles must be { by: 'segment' | 'stage', models: { ... } }, got ${JSON.stringify(profiles)}`);
  if (!(PROFILE_DIMENSIONS as readonly unknown[]).includes(profiles.by)) {
    throw new RangeError(`model.profiles.by must be one of ${PROFILE_DIMENSIONS.join(', ')}, got ${JSON.stringify(profiles.by)}`);
  }
  const models = profiles.models;
  if (!isObject(models)) throw new RangeError('model.profiles.models must be an object of profiles by value');
  const names = Object.keys(models);
  if (names.length > VIEW_LIMITS.segmentWeights) throw new RangeError(`model.profiles.models may hold at most ${VIEW_LIMITS.segmentWeights} profiles, got ${names.length}`);
  for (const name of names) {
    const profile = ownValue(models, name);
    const at = `model.profiles.models.${name}`;
    if (!isObject(profile)) throw new RangeError(`${at} must be an object { weights?, components? }`);
    if (profile.weights !== undefined) {
      assertFiniteFields(profile.weights, ['outcome', 'experience'], `${at}.weights`);
      assertWeights(profile.weights as unknown as HealthWeights, `${at}.weights`);
    }
    assertComponents(profile.components, `${at}.components`);
  }
}

/** Fills a partial model with the defaults and checks it; anything malformed is a `RangeError` naming the field. */
export function resolveHealthModel(input: HealthModelInput = {}): HealthModel {
  if (!isObject(input as unknown)) throw new RangeError(`model must be an object, got ${JSON.stringify(input)}`);
  const model: HealthModel = {
    weights: { ...DEFAULT_HEALTH_MODEL.weights, ...given(input.weights, 'model.weights') },
    tiers: { ...DEFAULT_HEALTH_MODEL.tiers, ...given(input.tiers, 'model.tiers') },
    quadrant: { ...DEFAULT_HEALTH_MODEL.quadrant, ...given(input.quadrant, 'model.quadrant') },
    ...(input.segmentWeights && { segmentWeights: input.segmentWeights }),
    ...(input.components && { components: input.components }),
    ...(input.ticketMonths !== undefined && { ticketMonths: input.ticketMonths }),
    ...(input.profiles !== undefined && { profiles: input.profiles }),
  };
  assertProfiles(model.profiles);
  const { ticketMonths } = model;
  if (ticketMonths !== undefined && !(Number.isInteger(ticketMonths) && ticketMonths >= 1 && ticketMonths <= VIEW_LIMITS.ticketMonths)) {
    throw new RangeError(`model.ticketMonths must be a whole number of months from 1 to ${VIEW_LIMITS.ticketMonths}, got ${JSON.stringify(ticketMonths)}`);
  }
  assertFiniteFields(model.weights, ['outcome', 'experience'], 'model.weights');
  assertWeights(model.weights, 'model.weights');
  if (model.segmentWeights !== undefined) {
    if (!isObject(model.segmentWeights)) throw new RangeError('model.segmentWeights must be an object of weights by segment');
    const segments = Object.keys(model.segmentWeights).length;
    if (segments > VIEW_LIMITS.segmentWeights) throw new RangeError(`model.segmentWeights may hold at most ${VIEW_LIMITS.segmentWeights} segments, got ${segments}`);
    for (const segment of Object.keys(model.segmentWeights)) {
      const weights = ownValue(model.segmentWeights, segment) as HealthWeights;
      assertFiniteFields(weights, ['outcome', 'experience'], `model.segmentWeights.${segment}`);
      assertWeights(weights, `model.segmentWeights.${segment}`);
    }
  }
  assertFiniteFields(model.tiers, ['green', 'greenYellow', 'yellow'], 'model.tiers');
  const { green, greenYellow, yellow } = model.tiers;
  if (!(green >= greenYellow && greenYellow >= yellow)) {
    throw new RangeError(`model.tiers must satisfy green >= greenYellow >= yellow, got ${JSON.stringify(model.tiers)}`);
  }
  assertFiniteFields(model.quadrant, ['outcome', 'experience'], 'model.quadrant');
  assertComponents(model.components);
  return model;
}

export function healthScore(outcome: number, experience: number, weights: HealthWeights): number {
  const score = (weights.outcome * outcome + weights.experience * experience) / (weights.outcome + weights.experience);
  return Math.round(score * 1e9) / 1e9;
}

/** The profile of an account (an own entry of `profiles.models` for its `by` field), or undefined. */
export function profileOf(model: HealthModel, account: { segment?: string; stage?: string }): HealthProfile | undefined {
  const profiles = model.profiles;
  if (!profiles) return undefined;
  const value = account[profiles.by];
  return value !== undefined ? ownValue(profiles.models, value) as HealthProfile | undefined : undefined;
}

/** An account's weights: its profile's, else its segment's (an own entry of `segmentWeights`), else the model's. */
export function weightsFor(model: HealthModel, account: { segment?: string; stage?: string }): HealthWeights {
  const segment = account.segment;
  return profileOf(model, account)?.weights ?? (segment !== undefined ? ownValue(model.segmentWeights, segment) : undefined) ?? model.weights;
}

/** The components of one side for an account: its profile's when the profile lists that side, else the model's. */
export function accountSideComponents(model: HealthModel, account: { segment?: string; stage?: string }, side: HealthSide): readonly HealthComponent[] | undefined {
  const own = profileOf(model, account)?.components?.[side];
  return own && own.length > 0 ? own : sideComponents(model, side);
}

/** Every profile that builds `side` its own way, by value, with its components. */
export function profileSides(model: HealthModel, side: HealthSide): Array<{ value: string; components: readonly HealthComponent[] }> {
  const models = model.profiles?.models;
  if (!models) return [];
  return Object.keys(models).flatMap((value) => {
    const list = (ownValue(models, value) as HealthProfile).components?.[side];
    return list && list.length > 0 ? [{ value, components: list }] : [];
  });
}

export function healthTier(score: number, tiers: HealthModel['tiers']): HealthTier {
  if (score >= tiers.green) return 'green';
  if (score >= tiers.greenYellow) return 'green-yellow';
  if (score >= tiers.yellow) return 'yellow';
  return 'red';
}

/** 3 for green down to 0 for red: higher is healthier. */
export function tierRank(tier: HealthTier): number {
  return 3 - HEALTH_TIERS.indexOf(tier);
}

/** A component's score for a value: `clamp(100 * (value - floor) / (target - floor), 0, 100)` (SPEC 12). */
export function componentScore(value: number, component: Pick<HealthComponent, 'floor' | 'target'>): number {
  const score = (100 * (value - component.floor)) / (component.target - component.floor);
  return score <= 0 ? 0 : score >= 100 ? 100 : score;
}

/** The components of one side, or undefined when the side is read from snapshots. */
export function sideComponents(model: HealthModel, side: HealthSide): readonly HealthComponent[] | undefined {
  const list = model.components?.[side];
  return list && list.length > 0 ? list : undefined;
}

/** A stable key of what a model's scores depend on, for caches. */
export function modelKey(model: HealthModel, part: 'sides' | 'scores'): string {
  const components = `${JSON.stringify(model.components ?? null)}|${model.ticketMonths ?? DEFAULT_TICKET_MONTHS}|${JSON.stringify(model.profiles ?? null)}`;
  if (part === 'sides') return components;
  return `${components}|${JSON.stringify(model.weights)}|${JSON.stringify(model.segmentWeights ?? null)}|${JSON.stringify(model.tiers)}`;
}
