import { z } from "zod";
import { LOCK_MODES } from "../../../shared/entitlement/timeline.ts";
import { locale } from "../../../shared/schemas/common.ts";
import type { LockMode } from "../../../shared/entitlement/timeline.ts";
import { DEFAULT_REMINDERS, MAX_MILESTONES } from "../../../shared/reminders/milestones.ts";
import { DECLINE_REASONS } from "../../../shared/schemas/renewals.ts";
import type { DeclineReason } from "../../../shared/schemas/renewals.ts";

const reminderMilestone = z.strictObject({
  daysBefore: z.int().min(0).max(365),
  channels: z
    .array(z.enum(["in_app", "webhook"]))
    .min(1, "give at least one channel")
    .max(2)
    .refine((channels) => new Set(channels).size === channels.length, "channels must be unique"),
});

/** One segment's timeline: at most 12 milestones, each `daysBefore` once. */
const reminderTimeline = z
  .array(reminderMilestone)
  .max(MAX_MILESTONES, `at most ${MAX_MILESTONES} milestones per segment`)
  .refine((list) => new Set(list.map((m) => m.daysBefore)).size === list.length, "each daysBefore may appear once per segment");

/** What a decline reason is answered with (offers/apply-offer.ts says what each kind does). */
const declineOffer = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("discount"), percent: z.int().min(1).max(100) }),
  z.strictObject({ kind: z.literal("extension"), days: z.int().min(1).max(365) }),
  z.strictObject({ kind: z.literal("bonus_seats"), seats: z.int().min(1).max(100_000) }),
  z.strictObject({ kind: z.literal("twelve_plus_one") }),
  z.strictObject({
    kind: z.literal("upgrade_trial"),
    feature: z.string().regex(/^[a-z0-9][a-z0-9_.:-]{0,63}$/, "a feature key such as sso"),
    days: z.int().min(1).max(365),
  }),
]);
export type DeclineOffer = z.infer<typeof declineOffer>;

/** A vendor's settings. Stored as JSON on the tenant; every field has a default. */
export const tenantSettingsSchema = z.object({
  defaultGraceHours: z
    .int()
    .min(0)
    .max(24 * 366)
    .default(72),
  defaultLockMode: z.enum(LOCK_MODES as [LockMode, ...LockMode[]]).default("soft"),
  /** Days before access ends in which end users are reminded (`expiring`). */
  reminderWindowDays: z.int().min(0).max(366).default(30),
  /** Where the renew button leads; `{accountId}` is replaced by the vendor's account id. http(s) only: the widget opens it. */
  renewalUrl: z
    .url({ protocol: /^https?$/, error: "renewalUrl must be an http(s) URL" })
    .nullable()
    .default(null),
  /** Which user roles may start a renewal from the widget. */
  renewalRoles: z.array(z.enum(["admin", "member"])).default(["admin"]),
  productName: z.string().min(1).max(100).default("Tenure"),
  accentColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .default("#2457d6"),
  supportEmail: z.email().nullable().default(null),
  /**
   * How renewals are paid. Null means `url` when `renewalUrl` is set, else none: the widget
   * then shows the way to `supportEmail` instead of starting anything (never a surprise
   * invoice). `invoice` needs `invoicePaymentInstructions`; `stripe` needs `stripeSecretKey`
   * and `stripeWebhookSecret`.
   */
  renewalProvider: z.enum(["url", "invoice", "stripe"]).nullable().default(null),
  stripeSecretKey: z
    .string()
    .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]{6,255}$/)
    .nullable()
    .default(null),
  stripeWebhookSecret: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/=]{6,255}$/)
    .nullable()
    .default(null),
  /** Points the Stripe SDK at another API host (a local stand-in); public hosts only unless the app allows private targets. */
  stripeApi: z
    .strictObject({ host: z.string().min(1).max(253), port: z.int().min(1).max(65535), protocol: z.enum(["http", "https"]) })
    .nullable()
    .default(null),
  /** HMAC key for the `url` provider's signed parameters; null signs with the identity secret. */
  renewalLinkSecret: z.string().min(32).max(256).nullable().default(null),
  /** How long a pending checkout (`url`, `stripe`) stays open; its hold lapses with it. */
  renewalExpiryHours: z
    .int()
    .min(1)
    .max(24 * 7)
    .default(24),
  /** How long an invoice waits for the bank transfer before the renewal expires. */
  invoiceDueDays: z.int().min(1).max(365).default(14),
  /** How long a signed entitlement token is valid (`exp` − `iat`), apart from the contract's end. */
  entitlementTokenTtlSeconds: z
    .int()
    .min(60)
    .max(7 * 86_400)
    .default(3600),
  /** What end users are told to pay an invoice with (bank, account, IBAN…), shown beside its reference. */
  invoicePaymentInstructions: z.string().trim().min(1).max(2000).nullable().default(null),
  /**
   * What end users see for usage event and feature names, per locale:
   * `{"task.create": {"en": "Creating tasks", "zh-CN": "创建任务"}}`. A name without a label
   * is never shown to end users (the value recap leaves it out).
   */
  eventLabels: z
    .record(
      z.string().min(1).max(200),
      z.record(locale, z.string().trim().min(1).max(100)).refine((labels) => Object.keys(labels).length > 0, "give at least one locale"),
    )
    .refine((labels) => Object.keys(labels).length <= 500, "at most 500 event labels")
    .default({}),
  /** How long a started renewal holds access (once per term), in hours. */
  renewalHoldHours: z
    .int()
    .min(1)
    .max(24 * 14)
    .default(24),
  /** Failed attempts in a row after which an endpoint counts as failing and the others get `webhook.endpoint_failing`. */
  webhookFailureAlertAfter: z.int().min(1).max(1000).default(10),
  /** Days raw usage events are kept after they were received; the daily rollups are kept for good. */
  usageEventRetentionDays: z.int().min(30).max(3650).default(400),
  /**
   * The reminder timeline per segment: `{"high_touch": [{"daysBefore": 90, "channels": ["webhook"]}, …]}`.
   * A PATCH may give one segment; the other keeps its timeline.
   */
  reminders: z
    .strictObject({ high_touch: reminderTimeline.default(DEFAULT_REMINDERS.high_touch), tech_touch: reminderTimeline.default(DEFAULT_REMINDERS.tech_touch) })
    .default(DEFAULT_REMINDERS),
  /** The offer the widget's decline flow shows after a reason: `{"too_expensive": {"kind": "discount", "percent": 15}}`. */
  declineOffers: z.partialRecord(z.enum(DECLINE_REASONS as unknown as [DeclineReason, ...DeclineReason[]]), declineOffer).default({}),
  /** The in-widget NPS question: off unless enabled; asked from `daysBefore` the contract end, once per user and term. */
  nps: z.strictObject({ enabled: z.boolean().default(false), daysBefore: z.int().min(1).max(365).default(60) }).default({ enabled: false, daysBefore: 60 }),
});
export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

/**
 * Settings as stored, without their secrets: a sealed secret (secrets.ts) reads as null here.
 * Code that needs the Stripe keys or the renewal-link secret uses `openSettings` instead.
 */
export function readSettings(stored: unknown): TenantSettings {
  const raw: Record<string, unknown> = { ...((stored ?? {}) as Record<string, unknown>) };
  for (const field of ["stripeSecretKey", "stripeWebhookSecret", "renewalLinkSecret"]) {
    if (typeof raw[field] === "string" && (raw[field] as string).startsWith("tsb1.")) raw[field] = null;
  }
  return tenantSettingsSchema.parse(raw);
}
