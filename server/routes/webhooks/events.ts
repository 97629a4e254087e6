import { z } from "zod";
import { grantSchema } from "../accounts/schemas.ts";
import { healthResponse } from "../../../shared/schemas/health.ts";
import { isoInstant } from "../openapi.ts";

const money = z.object({ value: z.int().describe("Minor units"), currency: z.string() }).nullable();
const nextTerm = z.object({ startDate: z.string(), endDate: z.string(), seats: z.int(), amount: money.optional() });
const recap = z.looseObject({ since: z.string(), activeUsers: z.int(), sessions: z.int(), events: z.int() });

const reminder = z.object({
  accountId: z.string(),
  segment: z.enum(["high_touch", "tech_touch"]),
  days: z.int().describe("The milestone: days before the contract end"),
  termId: z.string(),
  dueAt: isoInstant,
  contractEndsAt: isoInstant,
  accessEndsAt: isoInstant,
  timezone: z.string(),
  health: z.object({ score: z.int(), risk: z.enum(["high", "medium", "low"]) }),
  recap,
  notice: z.object({ kind: z.enum(["renewal_reminder", "last_day"]), message: z.string(), accessEndsLocal: z.string() }).optional(),
  task: z.object({ title: z.string(), dueAt: isoInstant }).optional().describe("high_touch only: a CSM task"),
});

const renewalEnded = z.object({
  accountId: z.string().nullable(),
  renewalId: z.string(),
  provider: z.enum(["url", "invoice", "stripe"]),
  reason: z.string().nullable(),
});

/**
 * Every event Tenure delivers, with its `data`. Each is sent as `{type, timestamp, data}` with
 * Standard Webhooks headers. A new event type gets its entry here (test/api/docs.test.ts
 * checks that every type the services write is listed).
 */
export const WEBHOOK_EVENTS: Record<string, { summary: string; data: z.ZodType }> = {
  "entitlement.state_changed": {
    summary: "An account's state changed (active → expiring → grace → locked, or back after a renewal or a gift)",
    data: z.object({
      accountId: z.string(),
      previousState: z.enum(["active", "expiring", "grace", "locked"]).nullable(),
      state: z.enum(["active", "expiring", "grace", "locked"]),
      at: isoInstant,
      termId: z.string(),
      contractEndsAt: isoInstant,
      accessEndsAt: isoInstant,
      graceEndsAt: isoInstant,
      lockMode: z.enum(["soft", "read_only", "hard"]),
      readOnly: z.boolean(),
    }),
  },
  "grant.created": {
    summary: "Seats, time, a feature or a renewal hold was granted (or a feature grant revoked)",
    data: z.object({ accountId: z.string(), grant: grantSchema.partial({ voidedAt: true }) }),
  },
  "renewal.started": {
    summary: "A renewal was started (server API or the widget's one-click renew)",
    data: z.object({
      accountId: z.string(),
      renewalId: z.string(),
      provider: z.enum(["url", "invoice", "stripe"]),
      termId: z.string(),
      nextTerm,
      amount: money,
    }),
  },
  "renewal.completed": {
    summary: "Payment confirmed: the next term has started",
    data: z.object({
      accountId: z.string(),
      renewalId: z.string(),
      provider: z.enum(["url", "invoice", "stripe"]),
      previousTermId: z.string(),
      term: nextTerm.extend({ id: z.string(), seq: z.int() }),
      completedBy: z.string(),
    }),
  },
  "renewal.failed": { summary: "The renewal's payment failed; its hold lapsed", data: renewalEnded },
  "renewal.expired": { summary: "The renewal was not paid in time; its hold lapsed", data: renewalEnded },
  "renewal.declined": {
    summary: 'The first "don\'t renew" of the term: the account is handed to recovery',
    data: z.object({
      accountId: z.string(),
      termId: z.string(),
      contractEndDate: z.string(),
      reason: z.string(),
      detail: z.string().nullable(),
      userId: z.string(),
      recovery: z.literal(true),
    }),
  },
  "renewal.opportunity": {
    summary: "A high-touch account's renewal is coming: an opportunity for its owner's CRM (once per term)",
    data: z.object({
      accountId: z.string(),
      accountName: z.string(),
      termId: z.string(),
      owner: z.string().nullable(),
      contractEndDate: z.string(),
      contractEndsAt: isoInstant,
      timezone: z.string(),
      milestoneDays: z.int(),
      nextTerm: nextTerm.extend({ upliftPercent: z.number().nullable() }).nullable(),
      health: z.object({ score: z.number(), risk: z.string() }),
      recap,
    }),
  },
  "reminder.csm_task": { summary: "A renewal milestone for a high-touch account: a task for its CSM", data: reminder },
  "reminder.notice": { summary: "A renewal milestone for a tech-touch account: the in-app notice shown", data: reminder },
  "health.risk_worsened": {
    summary: "An account's risk band dropped (low → medium → high)",
    data: z.object({
      accountId: z.string(),
      from: z.enum(["high", "medium", "low"]),
      to: z.enum(["high", "medium", "low"]),
      previousScore: z.int(),
      score: z.int(),
      previousDate: z.string(),
      date: z.string(),
      measures: healthResponse.shape.measures,
    }),
  },
  "first_value.reached": {
    summary: "The account reached its first-value milestone",
    data: z.object({
      accountId: z.string(),
      reachedAt: isoInstant,
      goLiveAt: isoInstant,
      deadlineAt: isoInstant,
      onTime: z.boolean(),
      checklistId: z.string().nullable(),
      stepId: z.string().nullable(),
    }),
  },
  "first_value.missed": {
    summary: "The first-value deadline passed without it",
    data: z.object({ accountId: z.string(), goLiveAt: isoInstant, deadlineAt: isoInstant, checklistId: z.string().nullable(), stepId: z.string().nullable() }),
  },
  "seats.limit_reached": {
    summary: "A user was refused a seat, or seated past the licensed seats (once per crossing)",
    data: z.object({
      accountId: z.string(),
      policy: z.enum(["allow", "block", "overage"]),
      licensed: z.int(),
      limit: z.int().nullable(),
      used: z.int(),
      overage: z.boolean(),
      refusedUserId: z.string().optional(),
      seatedUserId: z.string().optional(),
    }),
  },
  "offer.accepted": {
    summary: "A user accepted the offer the decline flow showed (a discount, extension, bonus seats, 12 + 1 or an upgrade trial)",
    data: z.looseObject({
      accountId: z.string(),
      offerId: z.string(),
      termId: z.string(),
      kind: z.enum(["discount", "extension", "bonus_seats", "twelve_plus_one", "upgrade_trial"]),
      offer: z.looseObject({ kind: z.string() }),
      reason: z.string(),
      userId: z.string(),
      grantId: z.string().nullable(),
      facts: z.record(z.string(), z.unknown()),
    }),
  },
  "webhook.test": {
    summary: "A test event, sent on request (POST /v1/webhooks/endpoints/{endpointId}/test) to one endpoint",
    data: z.object({ endpointId: z.string(), message: z.string() }),
  },
  "webhook.endpoint_failing": {
    summary: "One of your endpoints failed several deliveries in a row (sent to your other endpoints)",
    data: z.object({
      endpointId: z.string(),
      url: z.string(),
      consecutiveFailures: z.int(),
      failingSince: isoInstant,
      lastStatusCode: z.int().nullable(),
      lastError: z.string().nullable(),
    }),
  },
};

/** The Standard Webhooks headers on every delivery. */
export const deliveryHeaders = z.object({
  "webhook-id": z.string().describe("The message id (msg_…): the same on retries and replays; deduplicate on it"),
  "webhook-timestamp": z.string().describe("Unix seconds when signed; refuse ones more than 5 minutes off"),
  "webhook-signature": z.string().describe("v1,<base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`> with the endpoint's whsec_ secret"),
});

/** A delivered event's body. */
export function envelope(type: string, data: z.ZodType): z.ZodType {
  return z.object({ type: z.literal(type), timestamp: isoInstant, data });
}
