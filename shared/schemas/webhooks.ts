import { z } from "zod";

/** An event type such as `renewal.completed`. */
export const eventType = z.string().regex(/^[a-z_]+(\.[a-z_]+)+$/, "must be an event type such as renewal.completed").max(64);

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
});

export const deliveriesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
