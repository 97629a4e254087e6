import { z } from "zod";
import { METRIC_DEFAULTS, METRICS } from "../health/scorecard.ts";
import type { Measure, Scorecard } from "../health/scorecard.ts";

const tier = z.strictObject({ threshold: z.number().min(-1e9).max(1e9), score: z.number().min(0).max(100) });

const measure = z
  .strictObject({
    key: z
      .string()
      .regex(/^[a-z0-9_]{1,64}$/, "must be 1–64 characters of a-z 0-9 _")
      .optional(),
    metric: z.enum(METRICS),
    weight: z.number().gt(0).max(1000),
    direction: z.enum(["higher_is_better", "lower_is_better"]).optional(),
    tiers: z
      .array(tier)
      .min(1)
      .max(20)
      .refine((tiers) => new Set(tiers.map((t) => t.threshold)).size === tiers.length, "tier thresholds must differ")
      .optional(),
    missing: z.enum(["ignore", "zero", "neutral"]).optional(),
    windowDays: z.int().min(1).max(365).optional(),
  })
  .transform((m): Measure => {
    const defaults = METRIC_DEFAULTS[m.metric];
    return {
      key: m.key ?? m.metric,
      metric: m.metric,
      weight: m.weight,
      direction: m.direction ?? defaults.direction,
      tiers: m.tiers ?? defaults.tiers,
      missing: m.missing ?? defaults.missing,
      windowDays: m.windowDays ?? defaults.windowDays,
    };
  });

const bands = z
  .strictObject({ highMax: z.int().min(0).max(99), mediumMax: z.int().min(0).max(99) })
  .refine((b) => b.highMax < b.mediumMax, "highMax must be below mediumMax");

/**
 * `PUT /v1/scorecard`. A measure needs only `metric` and `weight`; direction, tiers, missing-data
 * handling and window default to that metric's defaults. Keys must be unique.
 */
export const scorecardPutBody = z
  .strictObject({
    measures: z.array(measure).min(1).max(20),
    bands: bands.default({ highMax: 50, mediumMax: 75 }),
    coreFeatures: z.array(z.string().trim().min(1).max(200)).max(200).default([]),
  })
  .refine((s) => new Set(s.measures.map((m) => m.key)).size === s.measures.length, {
    message: "measure keys must be unique (give `key` when a metric appears twice)",
    path: ["measures"],
  })
  .transform((s): Scorecard => s);

const risk = z.enum(["high", "medium", "low"]);

export const healthResponse = z.object({
  accountId: z.string(),
  score: z.int().min(0).max(100),
  risk,
  computedAt: z.string(),
  phase: z.enum(["adaptation", "habit", "established"]),
  measures: z.array(
    z.object({
      key: z.string(),
      metric: z.string(),
      value: z.number().nullable(),
      points: z.number(),
      weight: z.number(),
      contribution: z.number(),
      missing: z.boolean(),
    }),
  ),
  history: z.array(z.object({ date: z.string(), score: z.int(), risk })),
});
