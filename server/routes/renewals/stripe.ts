import { Hono } from "hono";
import type { AppEnv } from "../../env.ts";
import { MAX_BODY_BYTES, readBodyText } from "../../lib/body.ts";
import { TenureError } from "../../../shared/errors.ts";
import { handleStripeWebhook } from "../../services/renewals/stripe-webhook.ts";

/**
 * `POST /v1/stripe/webhooks/{tenantId}`: the URL a vendor gives Stripe for its
 * `checkout.session.*` events. No key: the Stripe signature (the tenant's
 * `stripeWebhookSecret`) is the authentication, checked on the raw body.
 */
export const stripeRoutes = new Hono<AppEnv>();

stripeRoutes.post("/webhooks/:tenantId", async (c) => {
  const tenantId = c.req.param("tenantId");
  if (!/^ten_[1-9A-HJ-NP-Za-km-z]{16}$/.test(tenantId)) throw new TenureError("not_found", "no Stripe webhook is configured here");
  const payload = await readBodyText(c);
  if (payload.length > MAX_BODY_BYTES * 4) throw new TenureError("payload_too_large", "the body is too large");
  const deps = c.get("deps");
  const result = await handleStripeWebhook(deps.db, {
    tenantId,
    payload,
    signature: c.req.header("stripe-signature") ?? "",
    now: deps.clock(),
  });
  // A completed checkout announces itself (completeRenewal → recordChange) before this answer.
  return c.json({ received: true, ...result });
});
