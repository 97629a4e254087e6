import type { Db } from "../../db/client.ts";
import { periodAt } from "../../../shared/features/periods.ts";
import type { PeriodWindow } from "../../../shared/features/periods.ts";
import type { FeatureAnswer, FeatureGrant, PlanFeatures, ResolvedFeature } from "../../../shared/features/plan.ts";
import { featureAnswer, resolveFeatures } from "../../../shared/features/resolve.ts";
import type { MeteredUsage } from "../../../shared/features/resolve.ts";
import { labellerFor } from "../usage/local-days.ts";
import { readMeteredDays } from "../usage/metered-usage.ts";
import { meteredDays } from "../usage/usage-cache.ts";

export interface AccountFeatures {
  resolved: Record<string, ResolvedFeature>;
  /** Each metered feature's current period. */
  periods: Map<string, PeriodWindow>;
  usage: Map<string, MeteredUsage>;
  answers: Record<string, FeatureAnswer>;
  /** The instant the periods and answers are for. */
  at: number;
  /** When metered totals came from this process's copy: until when (by the server's clock) they may be served. */
  usageKeptUntil?: number;
}

/**
 * The account's features at `now` (no database work): its plan's, overridden by its feature
 * grants, with each metered feature's current period. Metered use is added by `meterFeatures`.
 */
export function resolveAccountFeatures(input: {
  timezone: string;
  term: { startDate: string; contractEndsAt: number };
  plan: PlanFeatures | null;
  /** The ledger's feature grants (`toFeatureGrants`). */
  grants: readonly FeatureGrant[];
  now: number;
}): AccountFeatures {
  const { now, timezone, grants } = input;
  const resolved = input.plan || grants.length > 0 ? resolveFeatures(input.plan ?? {}, grants, now) : {};
  const periods = new Map<string, PeriodWindow>();
  for (const [key, feature] of Object.entries(resolved)) {
    if (feature.type !== "metered") continue;
    periods.set(key, periodAt(feature.period, { now, timezone, termStartDate: input.term.startDate, contractEndsAt: input.term.contractEndsAt }));
  }
  return { resolved, periods, usage: new Map(), answers: answersOf(resolved, new Map(), periods), at: now };
}

function answersOf(
  resolved: Record<string, ResolvedFeature>,
  usage: Map<string, MeteredUsage>,
  periods: Map<string, PeriodWindow>,
): Record<string, FeatureAnswer> {
  const answers: Record<string, FeatureAnswer> = {};
  for (const [key, feature] of Object.entries(resolved)) {
    const period = periods.get(key);
    answers[key] = featureAnswer(feature, usage.get(key) ?? (period ? { used: 0, resetsAt: period.resetsAt } : undefined));
  }
  return answers;
}

/** Metered use over each feature's current period, from the daily rollups: one query for all. */
export async function meterFeatures(
  db: Db,
  input: {
    accountId: string;
    timezone: string;
    features: AccountFeatures /** Given: totals may come from this process's copy (usage-cache.ts), by this clock. */;
    keptAt?: number;
  },
): Promise<AccountFeatures> {
  const { features } = input;
  const { resolved, periods } = features;
  const firstDay = [...periods.values()].reduce((min, p) => (p.firstDay < min ? p.firstDay : min), "9999-12-31");
  const events = [...new Set(Object.values(resolved).flatMap((f) => (f.type === "metered" ? [f.event] : [])))];
  // Today is labelled as ingestion labels an event's day, so the last rollup read is the one
  // an event sent now lands in.
  const toDay = labellerFor(input.timezone)(features.at);
  const kept = input.keptAt === undefined ? null : await meteredDays(db, input.accountId, events, firstDay, toDay, input.keptAt);
  const days = kept ? kept.days : await readMeteredDays(db, input.accountId, events, firstDay, toDay);
  const usage = new Map<string, MeteredUsage>();
  for (const [key, period] of periods) {
    const feature = resolved[key] as Extract<ResolvedFeature, { type: "metered" }>;
    let used = 0;
    for (const [day, total] of days.get(feature.event) ?? []) if (day >= period.firstDay) used += total;
    usage.set(key, { used, resetsAt: period.resetsAt });
  }
  return { ...features, usage, answers: answersOf(resolved, usage, periods), ...(kept ? { usageKeptUntil: kept.keptUntil } : {}) };
}

/** Feature answers on the wire: `resetsAt` as an ISO instant. */
export function featuresView(answers: Record<string, FeatureAnswer>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [key, answer] of Object.entries(answers)) {
    const { resetsAt, ...rest } = answer;
    out[key] = resetsAt === undefined ? rest : { ...rest, resetsAt: new Date(resetsAt).toISOString() };
  }
  return out;
}
