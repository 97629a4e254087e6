/**
 * Account health (seed 003): a weighted scorecard over usage measures gives a 0–100 score
 * and a risk band. Pure: the server gathers the aggregates, this turns them into a score.
 *
 * Each measure reads one metric, maps its value to 0–100 points through stepped tiers
 * (direction says whether more is better), and contributes `weight × points / Σ weights`.
 * A measure with no data follows its `missing` rule: `ignore` drops it (the others'
 * weights are renormalised), `zero` scores 0, `neutral` scores 50.
 */

export const METRICS = [
  "login_frequency",
  "active_seats",
  "core_feature_depth",
  "module_breadth",
  "support_tickets",
  "ticket_resolution",
  "training",
  "nps",
] as const;
export type Metric = (typeof METRICS)[number];
export type Risk = "high" | "medium" | "low";
export type Direction = "higher_is_better" | "lower_is_better";
export type MissingRule = "ignore" | "zero" | "neutral";

export interface Tier {
  threshold: number;
  score: number;
}

export interface Measure {
  key: string;
  metric: Metric;
  weight: number;
  direction: Direction;
  tiers: Tier[];
  missing: MissingRule;
  /** The window the metric is read over, in local days ending today. */
  windowDays: number;
}

export interface Scorecard {
  measures: Measure[];
  /** Score ≤ highMax is high risk, ≤ mediumMax medium, above that low. */
  bands: { highMax: number; mediumMax: number };
  /** Features that count for core-feature depth; empty means every feature. */
  coreFeatures: string[];
}

/** What the server counts over a measure's window. */
export interface Aggregates {
  windowDays: number;
  licensedSeats: number | null;
  activeUsers: number;
  sessions: number;
  coreFeatureUses: number;
  modulesUsed: number;
  ticketsOpened: number;
  ticketsResolved: number;
  trainings: number;
  /** How many NPS answers had each score 0–10. */
  npsAnswers: ReadonlyMap<number, number>;
}

export interface MeasureResult {
  key: string;
  metric: Metric;
  value: number | null;
  points: number;
  weight: number;
  /** Points this measure adds to the score (they sum to the unrounded score). */
  contribution: number;
  missing: boolean;
}

export interface HealthResult {
  score: number;
  risk: Risk;
  measures: MeasureResult[];
}

const DEFAULT_WINDOW = 28;
const LONG_WINDOW = 90;

type MeasureDefaults = Omit<Measure, "key" | "metric" | "weight">;

/** Sensible defaults per metric; a vendor's measure may give just `metric` and `weight`. */
export const METRIC_DEFAULTS: Record<Metric, MeasureDefaults> = {
  // sessions per licensed seat per week
  login_frequency: {
    direction: "higher_is_better",
    missing: "ignore",
    windowDays: DEFAULT_WINDOW,
    tiers: [
      { threshold: 0.5, score: 40 },
      { threshold: 1, score: 70 },
      { threshold: 2, score: 100 },
    ],
  },
  // % of licensed seats active
  active_seats: {
    direction: "higher_is_better",
    missing: "ignore",
    windowDays: DEFAULT_WINDOW,
    tiers: [
      { threshold: 25, score: 40 },
      { threshold: 50, score: 70 },
      { threshold: 75, score: 100 },
    ],
  },
  // core-feature uses per active user
  core_feature_depth: {
    direction: "higher_is_better",
    missing: "zero",
    windowDays: DEFAULT_WINDOW,
    tiers: [
      { threshold: 1, score: 30 },
      { threshold: 5, score: 70 },
      { threshold: 10, score: 100 },
    ],
  },
  // distinct modules used
  module_breadth: {
    direction: "higher_is_better",
    missing: "zero",
    windowDays: DEFAULT_WINDOW,
    tiers: [
      { threshold: 1, score: 30 },
      { threshold: 2, score: 60 },
      { threshold: 4, score: 100 },
    ],
  },
  // tickets opened
  support_tickets: {
    direction: "lower_is_better",
    missing: "neutral",
    windowDays: DEFAULT_WINDOW,
    tiers: [
      { threshold: 0, score: 100 },
      { threshold: 2, score: 70 },
      { threshold: 5, score: 40 },
      { threshold: 10, score: 10 },
    ],
  },
  // % of opened tickets resolved
  ticket_resolution: {
    direction: "higher_is_better",
    missing: "ignore",
    windowDays: DEFAULT_WINDOW,
    tiers: [
      { threshold: 50, score: 40 },
      { threshold: 80, score: 70 },
      { threshold: 95, score: 100 },
    ],
  },
  // training sessions attended
  training: {
    direction: "higher_is_better",
    missing: "zero",
    windowDays: LONG_WINDOW,
    tiers: [
      { threshold: 1, score: 70 },
      { threshold: 2, score: 100 },
    ],
  },
  // Net Promoter Score, −100…100
  nps: {
    direction: "higher_is_better",
    missing: "ignore",
    windowDays: LONG_WINDOW,
    tiers: [
      { threshold: -100, score: 0 },
      { threshold: 0, score: 40 },
      { threshold: 30, score: 70 },
      { threshold: 50, score: 100 },
    ],
  },
};

function defaultMeasure(metric: Metric, weight: number): Measure {
  return { key: metric, metric, weight, ...METRIC_DEFAULTS[metric] };
}

/** Login frequency, core-feature depth, module breadth, support tickets, training and NPS. */
export const DEFAULT_SCORECARD: Scorecard = {
  bands: { highMax: 50, mediumMax: 75 },
  coreFeatures: [],
  measures: [
    defaultMeasure("login_frequency", 25),
    defaultMeasure("core_feature_depth", 20),
    defaultMeasure("module_breadth", 15),
    defaultMeasure("support_tickets", 10),
    defaultMeasure("training", 10),
    defaultMeasure("nps", 20),
  ],
};

/** Net Promoter Score, −100…100: % promoters (9–10) minus % detractors (0–6); null with no answers. */
export function netPromoterScore(answers: ReadonlyMap<number, number>): number | null {
  let total = 0;
  let promoters = 0;
  let detractors = 0;
  for (const [score, count] of answers) {
    total += count;
    if (score >= 9) promoters += count;
    else if (score <= 6) detractors += count;
  }
  return total === 0 ? null : ((promoters - detractors) / total) * 100;
}

/** A metric's value from the aggregates, or null when there is no data to judge by. */
export function metricValue(metric: Metric, a: Aggregates): number | null {
  const weeks = a.windowDays / 7;
  switch (metric) {
    case "login_frequency": // sessions per licensed seat per week
      return a.licensedSeats ? a.sessions / a.licensedSeats / weeks : null;
    case "active_seats": // % of licensed seats active in the window
      return a.licensedSeats ? (a.activeUsers / a.licensedSeats) * 100 : null;
    case "core_feature_depth": // core-feature uses per active user
      return a.activeUsers > 0 ? a.coreFeatureUses / a.activeUsers : null;
    case "module_breadth":
      return a.modulesUsed;
    case "support_tickets":
      return a.ticketsOpened;
    case "ticket_resolution": // % of tickets opened that were resolved
      return a.ticketsOpened > 0 ? Math.min(100, (a.ticketsResolved / a.ticketsOpened) * 100) : null;
    case "training":
      return a.trainings;
    case "nps":
      return netPromoterScore(a.npsAnswers);
  }
}

/**
 * Points for a value. Higher is better: the tier with the greatest threshold ≤ value.
 * Lower is better: the tier with the smallest threshold ≥ value. No tier reached: 0.
 */
export function tierPoints(measure: Pick<Measure, "direction" | "tiers">, value: number): number {
  const tiers = [...measure.tiers].sort((a, b) => a.threshold - b.threshold);
  if (measure.direction === "higher_is_better") {
    let points = 0;
    for (const tier of tiers) if (value >= tier.threshold) points = tier.score;
    return points;
  }
  for (const tier of tiers) if (value <= tier.threshold) return tier.score;
  return 0;
}

export function riskFor(score: number, bands: Scorecard["bands"]): Risk {
  if (score <= bands.highMax) return "high";
  if (score <= bands.mediumMax) return "medium";
  return "low";
}

const SEVERITY: Record<Risk, number> = { low: 0, medium: 1, high: 2 };

/** Whether the band moved towards high risk. */
export function riskWorsened(from: Risk, to: Risk): boolean {
  return SEVERITY[to] > SEVERITY[from];
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The score from each measure's value (keyed by measure key; absent or null means no data). */
export function scoreHealth(scorecard: Scorecard, values: Readonly<Record<string, number | null | undefined>>): HealthResult {
  const rows = scorecard.measures.map((measure) => {
    const value = values[measure.key] ?? null;
    if (value !== null) return { measure, value, points: tierPoints(measure, value), counted: true };
    if (measure.missing === "ignore") return { measure, value, points: 0, counted: false };
    return { measure, value, points: measure.missing === "neutral" ? 50 : 0, counted: true };
  });
  const totalWeight = rows.reduce((sum, row) => sum + (row.counted ? row.measure.weight : 0), 0);
  const measures: MeasureResult[] = rows.map(({ measure, value, points, counted }) => ({
    key: measure.key,
    metric: measure.metric,
    value: value === null ? null : round2(value),
    points,
    weight: measure.weight,
    contribution: counted && totalWeight > 0 ? round2((measure.weight * points) / totalWeight) : 0,
    missing: value === null,
  }));
  const raw = totalWeight > 0 ? rows.reduce((sum, row) => sum + (row.counted ? row.measure.weight * row.points : 0), 0) / totalWeight : 0;
  const score = Math.max(0, Math.min(100, Math.round(raw)));
  return { score, risk: riskFor(score, scorecard.bands), measures };
}
