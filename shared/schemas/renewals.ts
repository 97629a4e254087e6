import { z } from "zod";

const money = z.strictObject({
  value: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
  currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as CNY"),
});

/** Where the customer comes back after a checkout: an absolute http(s) URL. */
export const returnUrl = z.url({ protocol: /^https?$/, error: "must be an absolute http(s) URL" }).max(2048);

/** `POST /v1/accounts/{accountId}/renewals` — every field optional: by default the same seats, uplifted price. */
export const renewalStartBody = z.strictObject({
  seats: z.int().min(1).max(1_000_000).optional(),
  amount: money.optional(),
  returnUrl: returnUrl.optional(),
});
export type RenewalStartBody = z.infer<typeof renewalStartBody>;

/** `POST …/renewals/{renewalId}/complete` — payment confirmed; seats and amount as actually renewed. */
export const renewalCompleteBody = z.strictObject({
  seats: z.int().min(1).max(1_000_000).optional(),
  amount: money.optional(),
});
export type RenewalCompleteBody = z.infer<typeof renewalCompleteBody>;

/** `POST …/renewals/{renewalId}/fail` — the payment did not happen; the hold lapses. */
export const renewalFailBody = z.strictObject({ reason: z.string().trim().min(1).max(500).optional() });

/** `Idempotency-Key`: 1–255 visible ASCII characters. */
export const idempotencyKey = z.string().regex(/^[\x21-\x7e]{1,255}$/, "must be 1–255 visible ASCII characters");

export const DECLINE_REASONS = ["too_expensive", "missing_feature", "not_used_enough", "switching_product", "budget", "other"] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

const credentials = {
  publishableKey: z.string().min(1).max(128),
  userToken: z.string().min(1).max(4096),
};

/** `POST /v1/widget/renewals` (text/plain JSON): start, or answer the open renewal. */
export const widgetRenewalStartBody = z.strictObject({
  ...credentials,
  returnUrl: returnUrl.optional(),
  /**
   * The `entitlement.contractEndsAt` (epoch ms) the user is looking at: if the contract was
   * renewed meanwhile the start is refused (409) rather than renewing the next term too.
   */
  contractEndsAt: z.int().min(0).max(8_640_000_000_000_000).optional(),
});

/** `POST /v1/widget/renewals/decline` (text/plain JSON): "not now" / "don't renew" with a reason. */
export const widgetDeclineBody = z
  .strictObject({
    ...credentials,
    reason: z.enum(DECLINE_REASONS),
    detail: z.string().trim().min(1).max(1000).optional(),
    /** The offer shown for this reason, turned down with the decline. */
    offerId: z
      .string()
      .regex(/^ofr_[1-9A-HJ-NP-Za-km-z]{16}$/, "must be an offer id")
      .optional(),
  })
  .refine((body) => body.reason !== "other" || body.detail !== undefined, {
    message: "tell us more when the reason is other",
    path: ["detail"],
  });

const isoInstant = z.string().describe("UTC instant in toISOString() form");
const moneyOut = z.object({ value: z.int(), currency: z.string() });
export const renewalResponse = z.object({
  id: z.string(),
  object: z.literal("renewal"),
  status: z.enum(["pending", "completed", "expired", "failed"]),
  provider: z.enum(["url", "invoice", "stripe"]),
  accountId: z.string(),
  termId: z.string(),
  nextTerm: z.object({ id: z.string().nullable(), startDate: z.string(), endDate: z.string(), seats: z.int(), amount: moneyOut.nullable() }),
  amount: moneyOut.nullable(),
  holdUntil: isoInstant.nullable(),
  checkoutUrl: z.string().nullable(),
  invoice: z.object({ reference: z.string(), amount: moneyOut.nullable(), dueAt: isoInstant }).nullable(),
  startedAt: isoInstant,
  expiresAt: isoInstant,
  completedAt: isoInstant.nullable(),
  endedAt: isoInstant.nullable(),
  failureReason: z.string().nullable(),
});
