import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { MAX_BODY_BYTES, readBodyText } from "../../lib/body.ts";
import { TenureError } from "../../../shared/errors.ts";
import { handleStripeWebhook } from "../../services/renewals/stripe-webhook.ts";
import { declare, documentedRouter, errors, json, noKey } from "../openapi.ts";

/**
 * `POST /v1/stripe/webhooks/{tenantId}`: the URL a vendor gives Stripe for its
 * `checkout.session.*` events. No key: the Stripe signature (the tenant's
 * `stripeWebhookSecret`) is the authentication, checked on the raw body.
 */
export const stripeRoutes = documentedRouter();

const stripeWebhook = createRoute({
  method: "post",
  path: "/webhooks/{tenantId}",
  tags: ["Renewals"],
  summary: "Give this URL to Stripe for checkout.session.* events",
  description: "Verified with your `stripeWebhookSecret` setting against the raw body; no key.",
  security: noKey,
  request: {
    params: z.object({ tenantId: z.string().describe("Your tenant id, ten_…") }),
    headers: z.object({ "Stripe-Signature": z.string().describe("Stripe's signature of the raw body") }),
    body: { required: true, content: { "application/json": { schema: z.looseObject({ id: z.string(), type: z.string() }).describe("A Stripe event") } } },
  },
  responses: {
    200: json(
      z.object({
        received: z.literal(true),
        eventId: z.string(),
        outcome: z.enum(["completed", "failed", "expired", "awaiting_payment", "ignored", "unchanged", "conflict"]),
      }),
      "Received",
    ),
    ...errors(400, 404, 413),
  },
});
declare(stripeRoutes, stripeWebhook, async (c) => {
  const tenantId = c.req.param("tenantId") ?? "";
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
