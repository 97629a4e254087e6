import { z } from "zod";
import { LOCK_MODES } from "../entitlement/timeline.ts";
import type { LockMode } from "../entitlement/timeline.ts";
import { calendarDate, instant, locale, reason, timeZone } from "./common.ts";
import { featureAnswerSchema, featureGrantBody, planId } from "./features.ts";

export const accountUpsertBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  timezone: timeZone,
  locale: locale.optional(),
  segment: z.enum(["high_touch", "tech_touch"]).optional(),
  stage: z.string().trim().min(1).max(64).optional(),
  /** A staff email or CRM id; omitted keeps the current owner, null clears it. */
  owner: z.string().trim().min(1).max(320).nullable().optional(),
});
export type AccountUpsertBody = z.infer<typeof accountUpsertBody>;

export const contractPutBody = z
  .strictObject({
    seats: z.int().min(1).max(1_000_000),
    startDate: calendarDate,
    endDate: calendarDate,
    graceHours: z
      .int()
      .min(0)
      .max(24 * 366)
      .optional(),
    lockMode: z.enum(LOCK_MODES as [LockMode, ...LockMode[]]).optional(),
    /** A plan defined with `PUT /v1/plans/{planId}`; without one the account has no features. */
    plan: planId.optional(),
    /** What happens past the licensed seats: `allow` (default), `block` new users, or `overage` up to `overageSeats` more. */
    seatPolicy: z.enum(["allow", "block", "overage"]).optional(),
    overageSeats: z.int().min(1).max(1_000_000).optional(),
    amount: z
      .strictObject({
        value: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
        currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as CNY"),
      })
      .optional(),
    upliftPercent: z.number().min(0).max(1000).optional(),
  })
  .refine((body) => body.endDate >= body.startDate, { message: "endDate must not be before startDate", path: ["endDate"] })
  .refine((body) => (body.seatPolicy === "overage") === (body.overageSeats !== undefined), {
    message: 'overageSeats is required with seatPolicy "overage" and allowed only with it',
    path: ["overageSeats"],
  });
export type ContractPutBody = z.infer<typeof contractPutBody>;

const seatGrant = z.strictObject({
  type: z.literal("seats"),
  seats: z.int().min(1).max(100_000),
  reason,
  expiresAt: instant.optional(),
});
const timeGrant = z
  .strictObject({
    type: z.literal("time"),
    days: z.int().min(1).max(3660).optional(),
    hours: z
      .int()
      .min(1)
      .max(24 * 3660)
      .optional(),
    reason,
  })
  .refine((body) => (body.days === undefined) !== (body.hours === undefined), {
    message: "a time grant takes exactly one of days or hours",
  });
export const grantCreateBody = z.discriminatedUnion("type", [seatGrant, timeGrant, featureGrantBody]);
export type GrantCreateBody = z.infer<typeof grantCreateBody>;

export const entitlementQuery = z.strictObject({ at: instant.optional() });

const isoInstant = z.string().describe("UTC instant in toISOString() form");
export const entitlementResponse = z.object({
  state: z.enum(["active", "expiring", "grace", "locked"]),
  at: isoInstant,
  contractEndsAt: isoInstant,
  accessEndsAt: isoInstant,
  graceEndsAt: isoInstant,
  expiringFrom: isoInstant,
  nextChangeAt: isoInstant.nullable(),
  lockMode: z.enum(LOCK_MODES as [LockMode, ...LockMode[]]),
  readOnly: z.boolean(),
  timezone: z.string(),
  seats: z.object({
    purchased: z.int(),
    bonus: z.int(),
    licensed: z.int(),
    used: z.int(),
    policy: z.enum(["allow", "block", "overage"]),
    /** Seats that may be held: licensed, plus `overageSeats` under `overage`; null under `allow`. */
    limit: z.int().nullable(),
    /** Seats held beyond the licensed ones (under `allow` or `overage`). */
    overage: z.int(),
  }),
  features: z.record(z.string(), featureAnswerSchema),
  term: z.object({ id: z.string(), startDate: z.string(), endDate: z.string(), plan: z.string().nullable() }),
});

export const errorResponseSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), requestId: z.string(), details: z.unknown().optional() }),
});
