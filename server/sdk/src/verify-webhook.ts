import { Webhook } from "standardwebhooks";

/** What every Tenure delivery carries: `{ type, timestamp, data }`. */
export interface TenureWebhookEvent<T extends string = string> {
  /** e.g. `renewal.completed`, `entitlement.state_changed`, `grant.created`, `webhook.test`. */
  type: T;
  /** When the event happened (ISO-8601, UTC). */
  timestamp: string;
  data: Record<string, unknown>;
}

/** Anything that holds the request's headers: a Fetch `Headers`, or Node's `req.headers`. */
export type HeadersLike = Headers | Record<string, string | string[] | undefined>;

function headerRecord(headers: HeadersLike): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof (headers as Headers).forEach === "function" && typeof (headers as Headers).get === "function") {
    (headers as Headers).forEach((value, name) => {
      out[name.toLowerCase()] = value;
    });
    return out;
  }
  for (const [name, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

/**
 * Checks a delivery's Standard Webhooks signature (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature`, 5-minute tolerance) with the endpoint's `whsec_…` secret and returns
 * the parsed event. Throws when the signature or timestamp is wrong: answer 400 then.
 * Pass the raw body, exactly as received — not re-serialized JSON.
 * @example
 * const event = verifyWebhook(process.env.TENURE_WEBHOOK_SECRET!, req.headers, rawBody);
 * if (event.type === "renewal.completed") await markPaid(event.data);
 */
export function verifyWebhook(secret: string, headers: HeadersLike, body: string): TenureWebhookEvent {
  return new Webhook(secret).verify(body, headerRecord(headers)) as TenureWebhookEvent;
}
