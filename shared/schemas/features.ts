import { z } from "zod";
import { METERING_PERIODS } from "../features/plan.ts";
import type { MeteringPeriod } from "../features/plan.ts";
import { instant, reason } from "./common.ts";

/** Feature keys as vendors write them in code: `exports`, `api.calls`, `sso-saml`. */
export const featureKey = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, "must be 1–64 characters of A-Z a-z 0-9 _ . : -");

/** Plan ids are what contracts name: any 1–100 characters but `/` and control characters (e.g. "Team", "企业版"). */
export const planId = z
  .string()
  .min(1)
  .max(100)
  .refine(
    (text) => text.trim() === text && !/[/\u0000-\u001f\u007f]/.test(text),
    "must be 1–100 characters, no slashes or control characters, no surrounding spaces",
  );

const limit = z.int().min(0, "a limit must not be negative").max(1_000_000_000_000);

export const planFeature = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ type: z.literal("boolean") }),
    z.strictObject({ type: z.literal("limit"), limit }),
    z.strictObject({
      type: z.literal("metered"),
      limit,
      event: z.string({ error: "a metered feature needs the event name it counts" }).trim().min(1).max(200),
      period: z.enum(METERING_PERIODS as [MeteringPeriod, ...MeteringPeriod[]]),
      overage: z.enum(["block", "allow"]).default("block"),
    }),
  ],
  { error: "a feature's type must be boolean, limit or metered" },
);

export const planPutBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  features: z.record(z.string(), planFeature).superRefine((features, ctx) => {
    const keys = Object.keys(features);
    if (keys.length > 200) ctx.addIssue({ code: "custom", message: "a plan has at most 200 features" });
    for (const key of keys) {
      if (!featureKey.safeParse(key).success)
        ctx.addIssue({ code: "custom", path: [key], message: "a feature key must be 1–64 characters of A-Z a-z 0-9 _ . : -" });
    }
  }),
});
export type PlanPutBody = z.infer<typeof planPutBody>;

export const featureGrantBody = z
  .strictObject({
    type: z.literal("feature"),
    feature: featureKey,
    enabled: z.boolean().optional(),
    limit: limit.optional(),
    reason,
    expiresAt: instant.optional(),
  })
  .refine((body) => (body.enabled === undefined) !== (body.limit === undefined), {
    message: "a feature grant takes exactly one of enabled or limit",
  });

export const grantRevokeBody = z.strictObject({ reason });

export const checkBody = z.strictObject({
  feature: featureKey,
  quantity: z.int().min(0).max(1_000_000_000_000).optional(),
});
export type CheckBody = z.infer<typeof checkBody>;

export const checkQuery = z.strictObject({ at: instant.optional() });

const isoInstant = z.string().describe("UTC instant in toISOString() form");
export const featureAnswerSchema = z.object({
  enabled: z.boolean(),
  limit: z.int().optional(),
  used: z.number().optional(),
  remaining: z.number().optional(),
  resetsAt: isoInstant.optional(),
});

export const checkResponse = z.object({
  allowed: z.boolean(),
  reason: z.enum(["ok", "not_in_plan", "disabled", "limit_reached", "locked"]),
  limit: z.int().optional(),
  used: z.number().optional(),
  remaining: z.number().optional(),
  resetsAt: isoInstant.optional(),
});
