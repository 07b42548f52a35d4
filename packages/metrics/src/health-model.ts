/**
 * The health model (SPEC 4): a weighted score of outcome and experience, four tiers, and quadrant thresholds.
 * Scores are rounded to 9 decimals so that float noise (0.8 * 70 = 56.00000000000001) never moves an account
 * across a tier threshold.
 */
export type HealthTier = 'green' | 'green-yellow' | 'yellow' | 'red';

/** Best first: the order of tier legends and of the transition matrix. */
export const HEALTH_TIERS: readonly HealthTier[] = ['green', 'green-yellow', 'yellow', 'red'];

export interface HealthWeights {
  outcome: number;
  experience: number;
}

export interface HealthModel {
  weights: HealthWeights;
  /** Per-segment weights, e.g. `{ KA: { outcome: 0.7, experience: 0.3 } }`. */
  segmentWeights?: Record<string, HealthWeights>;
  /** Lower bounds, inclusive: score >= green is green, and so on down; below yellow is red. */
  tiers: { green: number; greenYellow: number; yellow: number };
  /** Inclusive thresholds: outcome >= quadrant.outcome is "high". */
  quadrant: { outcome: number; experience: number };
}

/** Any part of a model; the rest comes from the defaults. */
export interface HealthModelInput {
  weights?: Partial<HealthWeights>;
  segmentWeights?: Record<string, HealthWeights>;
  tiers?: Partial<HealthModel['tiers']>;
  quadrant?: Partial<HealthModel['quadrant']>;
}

export const DEFAULT_HEALTH_MODEL: HealthModel = {
  weights: { outcome: 0.8, experience: 0.2 },
  tiers: { green: 75, greenYellow: 60, yellow: 40 },
  quadrant: { outcome: 60, experience: 60 },
};

function assertWeights(weights: HealthWeights, name: string): void {
  const { outcome, experience } = weights;
  if (!(Number.isFinite(outcome) && Number.isFinite(experience) && outcome >= 0 && experience >= 0 && outcome + experience > 0)) {
    throw new RangeError(`${name} must be two non-negative numbers with a positive sum, got ${JSON.stringify(weights)}`);
  }
}

/** Fills a partial model with the defaults and checks it. */
export function resolveHealthModel(input: HealthModelInput = {}): HealthModel {
  const model: HealthModel = {
    weights: { ...DEFAULT_HEALTH_MODEL.weights, ...input.weights },
    tiers: { ...DEFAULT_HEALTH_MODEL.tiers, ...input.tiers },
    quadrant: { ...DEFAULT_HEALTH_MODEL.quadrant, ...input.quadrant },
    ...(input.segmentWeights && { segmentWeights: input.segmentWeights }),
  };
  assertWeights(model.weights, 'model.weights');
  for (const [segment, weights] of Object.entries(model.segmentWeights ?? {})) assertWeights(weights, `model.segmentWeights.${segment}`);
  const { green, greenYellow, yellow } = model.tiers;
  if (!(green >= greenYellow && greenYellow >= yellow)) {
    throw new RangeError(`model.tiers must satisfy green >= greenYellow >= yellow, got ${JSON.stringify(model.tiers)}`);
  }
  return model;
}

export function healthScore(outcome: number, experience: number, weights: HealthWeights): number {
  const score = (weights.outcome * outcome + weights.experience * experience) / (weights.outcome + weights.experience);
  return Math.round(score * 1e9) / 1e9;
}

export function weightsFor(model: HealthModel, segment: string | undefined): HealthWeights {
  return (segment !== undefined && model.segmentWeights?.[segment]) || model.weights;
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
