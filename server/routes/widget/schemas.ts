import { z } from "zod";
import type { WidgetChecklistResponse, WidgetEventsResponse } from "../../../shared/checklists/wire.ts";
import type { WidgetRecapResponse } from "../../../shared/reminders/wire.ts";
import type { BootstrapResponse } from "../../../shared/wire/bootstrap.ts";

const epochMs = z.number().describe("Epoch milliseconds on the server's clock");
const amount = z.object({ value: z.int().describe("Minor units"), currency: z.string() });

/** `POST /v1/widget/bootstrap`'s answer; typed against the wire interface the widget reads. */
export const bootstrapSchema: z.ZodType<BootstrapResponse> = z.object({
  etag: z.string(),
  serverNow: epochMs,
  locale: z.string().nullable(),
  account: z.object({ id: z.string(), name: z.string(), timezone: z.string() }),
  user: z.object({ id: z.string(), role: z.enum(["admin", "member"]), name: z.string().nullable(), seated: z.boolean().optional() }),
  entitlement: z.object({
    state: z.enum(["active", "expiring", "grace", "locked"]),
    lockMode: z.enum(["soft", "read_only", "hard"]),
    readOnly: z.boolean(),
    contractEndsAt: epochMs,
    expiringFrom: epochMs,
    accessEndsAt: epochMs,
    graceEndsAt: epochMs,
    nextChangeAt: epochMs.nullable(),
    holdUntil: epochMs.nullable(),
  }),
  seats: z
    .object({
      purchased: z.int(),
      bonus: z.int(),
      licensed: z.int(),
      used: z.int(),
      active: z.int(),
      policy: z.enum(["allow", "block", "overage"]).optional(),
      limit: z.int().nullable().optional(),
    })
    .nullable()
    .describe("Only for users whose token says admin"),
  features: z
    .record(
      z.string(),
      z.object({
        enabled: z.boolean(),
        limit: z.int().optional(),
        used: z.number().optional(),
        remaining: z.number().optional(),
        resetsAt: epochMs.optional(),
      }),
    )
    .optional(),
  entitlementToken: z.string().optional().describe("Compact EdDSA JWS, verifiable against GET /v1/tenants/{tenantId}/jwks.json"),
  renewal: z.object({
    url: z.string().nullable(),
    canRenew: z.boolean(),
    pending: z.object({ id: z.string(), status: z.string(), startedAt: epochMs, expiresAt: epochMs.optional() }).nullable(),
    provider: z.enum(["url", "invoice", "stripe", "none"]).optional(),
    invoice: z
      .object({ reference: z.string(), amount: amount.nullable(), dueAt: epochMs, instructions: z.string().nullable().optional() })
      .nullable()
      .optional(),
    declined: z.object({ reason: z.string(), at: epochMs }).nullable().optional(),
    declinedBy: z.object({ name: z.string(), at: epochMs }).nullable().optional(),
  }),
  branding: z.object({ productName: z.string(), accentColor: z.string(), supportEmail: z.string().nullable() }),
  nps: z.object({ from: epochMs, until: epochMs }).optional().describe("The NPS question's window this term, when the vendor turned it on"),
  preferences: z.object({ bannerDismissedUntil: epochMs.nullable(), modalSnoozedUntil: epochMs.nullable() }),
});

/** Headers on every widget answer. */
export const widgetResponseHeaders = z.object({
  "X-Tenure-Now": z.string().describe("The server's clock, epoch milliseconds: the widget's time source"),
});

/** `POST /v1/widget/checklist`'s answer. */
export const widgetChecklistSchema: z.ZodType<WidgetChecklistResponse> = z.object({
  serverNow: epochMs,
  phase: z.object({ phase: z.enum(["adaptation", "habit", "established"]), goLiveAt: epochMs, nextPhaseAt: epochMs.nullable() }),
  firstValue: z.object({
    status: z.enum(["reached", "pending", "missed"]),
    reachedAt: epochMs.nullable(),
    deadlineAt: epochMs,
    checklistId: z.string().nullable(),
    stepId: z.string().nullable(),
  }),
  checklists: z.array(
    z.object({
      id: z.string(),
      version: z.int(),
      title: z.string(),
      dismissedUntil: epochMs.nullable(),
      completed: z.int(),
      total: z.int(),
      steps: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          link: z.string().nullable(),
          scope: z.enum(["user", "account"]),
          done: z.boolean(),
          completedAt: epochMs.nullable(),
          progress: z.object({ current: z.number(), target: z.number() }),
          firstValue: z.boolean(),
        }),
      ),
    }),
  ),
});

/** `POST /v1/widget/events`'s answer. */
export const widgetEventsSchema: z.ZodType<WidgetEventsResponse> = z.object({
  accepted: z.int(),
  duplicates: z.int(),
  completedSteps: z.array(z.object({ checklistId: z.string(), stepId: z.string() })),
});

/** `POST /v1/widget/recap`'s answer. */
export const widgetRecapSchema: z.ZodType<WidgetRecapResponse> = z.object({
  serverNow: epochMs,
  recap: z.object({
    since: z.string(),
    activeUsers: z.int(),
    sessions: z.int(),
    events: z.int(),
    topFeatures: z.array(z.object({ feature: z.string(), count: z.int(), label: z.string().nullable().optional() })),
    modulesUsed: z.array(z.string()),
    firstValueReachedAt: epochMs.nullable(),
  }),
  notice: z
    .object({
      kind: z.enum(["renewal_reminder", "last_day"]),
      days: z.int(),
      daysLeft: z.int(),
      dueAt: epochMs,
      contractEndsAt: epochMs,
      accessEndsAt: epochMs,
      timezone: z.string(),
      accessEndsLocal: z.string(),
      message: z.string(),
    })
    .nullable(),
});

/** A user's remembered dismissals (`POST /v1/widget/preferences`). */
export const preferencesSchema = z.object({
  preferences: z.object({ bannerDismissedUntil: epochMs.nullable(), modalSnoozedUntil: epochMs.nullable() }),
});

/** A seat holder as the seats panel lists it (instants in epoch ms). */
export const widgetSeatHolderSchema = z.object({
  userId: z.string(),
  name: z.string().nullable(),
  role: z.string(),
  lastActiveAt: epochMs,
  assignedAt: epochMs,
  you: z.boolean().describe("The caller's own seat"),
});
