import { z } from "zod";

/** An event type such as `renewal.completed`. */
export const eventType = z
  .string()
  .regex(/^[a-z_]+(\.[a-z_]+)+$/, "must be an event type such as renewal.completed")
  .max(64);

/** `POST /v1/webhooks/endpoints` */
export const webhookEndpointCreateBody = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: "must be an absolute http(s) URL" }).max(2048),
  description: z.string().trim().min(1).max(200).optional(),
  /** Only these event types; all when left out. */
  eventTypes: z.array(eventType).min(1).max(50).optional(),
});
export type WebhookEndpointCreateBody = z.infer<typeof webhookEndpointCreateBody>;

export const webhookEndpointResponse = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  eventTypes: z.array(z.string()).nullable(),
  /** Only in the answer to the creation; store it, it is not shown again. */
  secret: z.string().optional(),
  createdAt: z.string(),
  disabledAt: z.string().nullable(),
  disabledReason: z.string().nullable(),
  /** True once the current run of failed attempts reached `webhookFailureAlertAfter`; a success clears it. */
  failing: z.boolean(),
  /** Failed attempts in a row. */
  consecutiveFailures: z.int(),
  /** When the current run of failures began. */
  failingSince: z.string().nullable(),
});

export const deliveriesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

/** `GET /v1/webhooks/deliveries`: the tenant's deliveries, newest first, a page at a time. */
export const tenantDeliveriesQuery = z.strictObject({
  status: z.enum(["pending", "succeeded", "failed"]).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  /** `nextCursor` from the previous page. */
  cursor: z
    .string()
    .regex(/^\d{1,15}\.dlv_[A-Za-z0-9_-]{1,64}$/, "must be the nextCursor of a previous page")
    .optional(),
});
export type TenantDeliveriesQuery = z.infer<typeof tenantDeliveriesQuery>;
